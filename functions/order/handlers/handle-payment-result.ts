import { queueConsumer } from '#shared/batch-consumer';
import { paymentResult } from '#shared/contracts/payment';
import { applyPaymentResult } from '../saga';

/** Consumes the payment-results queue: Payment's answers to payment requests. */
export const handler = queueConsumer(paymentResult, ({ payload }) => applyPaymentResult(payload));
