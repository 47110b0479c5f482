import { numberEnv, requiredEnv } from '#shared/config';
import { lazily } from '#shared/lazy';
import { orderTimeoutSetting } from './domain/order';

/** The Order service's deployment settings, read once per execution environment. */
export const orderSettings = lazily(() => ({ tableName: requiredEnv('TABLE_NAME') }));

/** What placing an order needs besides the table: how long it may stay under way before it is cancelled. */
export const checkoutSettings = lazily(() => ({ timeoutSeconds: numberEnv('ORDER_TIMEOUT_SECONDS', orderTimeoutSetting.default, orderTimeoutSetting) }));

/** Where the outbox publisher sends the Order service's messages, and where their answers come back. */
export const messagingSettings = lazily(() => ({
  stockRequestsQueueUrl: requiredEnv('STOCK_REQUESTS_QUEUE_URL'),
  stockResultsQueueUrl: requiredEnv('STOCK_RESULTS_QUEUE_URL'),
  paymentRequestsQueueUrl: requiredEnv('PAYMENT_REQUESTS_QUEUE_URL'),
  paymentResultsQueueUrl: requiredEnv('PAYMENT_RESULTS_QUEUE_URL'),
}));
