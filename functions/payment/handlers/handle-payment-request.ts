import { queueConsumer } from '#shared/batch-consumer';
import { paymentRequest } from '#shared/contracts/payment';
import { handlePaymentRequest } from '../payment-requests';

/** Consumes the payment-requests queue: charges for orders, and cancellations of cancelled orders' payments. */
export const handler = queueConsumer(paymentRequest, ({ payload, correlationId, context }) =>
  handlePaymentRequest(payload, correlationId, context),
);
