import type { Context } from 'aws-lambda';
import type { CapturePayment } from '#shared/contracts/payment';
import { logger } from '#shared/powertools';
import { sendMessage } from '#shared/queue-messages';
import { chargeOrder } from './charges';
import { PaymentDeferredError } from './domain/charging';
import { isSettled, resultOf } from './domain/payment';
import { deferralSeconds } from './domain/retry-policy';
import { countPaymentDeferred, countPaymentSettled } from './payment-metrics';
import { payments } from './payments';
import { chargingSettings } from './settings';

/** Puts the request back on the queue, held back until the provider may be reachable again. */
const defer = async (request: CapturePayment, retryAfterMs: number, correlationId: string) => {
  const deferrals = request.deferrals ?? 0;
  const delaySeconds = deferralSeconds(deferrals, retryAfterMs);
  const later: CapturePayment = { ...request, deferrals: deferrals + 1 };
  await sendMessage(chargingSettings().paymentRequestsQueueUrl, later, { correlationId, delaySeconds });
  logger.warn('Payment put off: the provider is unavailable', { orderId: request.orderId, deferrals: deferrals + 1, delaySeconds });
  countPaymentDeferred();
};

/**
 * Takes one payment request to its outcome and answers it. A request for a settled payment is answered
 * again with the same outcome: the answer may have been lost, the charge must not be repeated.
 */
export const handlePaymentRequest = async (request: CapturePayment, correlationId: string, context: Context): Promise<void> => {
  const known = await payments().get(request.orderId);
  if (isSettled(known)) {
    logger.info('Payment request seen before; answering as then', { orderId: request.orderId, status: known.status });
    return sendMessage(request.replyTo, resultOf(known), { correlationId });
  }
  let outcome;
  try {
    outcome = await chargeOrder(request, context);
  } catch (error) {
    if (error instanceof PaymentDeferredError) return defer(request, error.retryAfterMs, correlationId);
    throw error;
  }
  const payment = await payments().settle(request, outcome, new Date());
  logger.info('Payment settled', { orderId: payment.orderId, status: payment.status, attempts: payment.attempts });
  countPaymentSettled(payment.status);
  await sendMessage(request.replyTo, resultOf(payment), { correlationId });
};
