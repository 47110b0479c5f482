import { requiredEnv } from '#shared/config';
import { lazily } from '#shared/lazy';

/** The Order service's deployment settings, read once per execution environment. */
export const orderSettings = lazily(() => ({ tableName: requiredEnv('TABLE_NAME') }));

/** Where the outbox publisher sends the Order service's messages, and where their answers come back. */
export const messagingSettings = lazily(() => ({
  stockRequestsQueueUrl: requiredEnv('STOCK_REQUESTS_QUEUE_URL'),
  stockResultsQueueUrl: requiredEnv('STOCK_RESULTS_QUEUE_URL'),
  paymentRequestsQueueUrl: requiredEnv('PAYMENT_REQUESTS_QUEUE_URL'),
  paymentResultsQueueUrl: requiredEnv('PAYMENT_RESULTS_QUEUE_URL'),
}));
