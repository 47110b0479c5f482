import { queueConsumer } from '#shared/batch-consumer';
import { capturePayment } from '#shared/contracts/payment';
import { handlePaymentRequest } from '../payment-requests';

/** Consumes the payment-requests queue. */
export const handler = queueConsumer(capturePayment, ({ payload, correlationId, context }) =>
  handlePaymentRequest(payload, correlationId, context),
);
