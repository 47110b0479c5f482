import type { Context } from 'aws-lambda';
import type { CapturePayment } from '#shared/contracts/payment';
import { logger } from '#shared/powertools';
import { sendMessage } from '#shared/queue-messages';
import { breaker, chargeOrder } from './charges';
import { PaymentDeferredError } from './domain/charging';
import { type PaymentLease, type PaymentOutcome, PaymentInProgressError, resultOf } from './domain/payment';
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

/** Gives the payment back unsettled, with the calls made. If that fails, the lease lapses by itself when this invocation's time is up. */
const release = async (request: CapturePayment, lease: PaymentLease, attempts: number) => {
  try {
    if (!(await payments().release(request, lease.owner, attempts, new Date()))) {
      logger.warn('Payment lease lapsed before it was released', { orderId: request.orderId, attempts });
    }
  } catch (error) {
    logger.warn('Payment lease not released; it lapses with this invocation', { orderId: request.orderId, attempts, error: error as Error });
  }
};

/**
 * Takes one payment request to its outcome and answers it. The payment's lease, taken for the rest of
 * this invocation, lets only one delivery of a request charge at a time; a request for a settled
 * payment is answered again with the same outcome: the answer may have been lost, the charge must not
 * be repeated.
 */
export const handlePaymentRequest = async (request: CapturePayment, correlationId: string, context: Context): Promise<void> => {
  const lease: PaymentLease = { owner: context.awsRequestId, until: Date.now() + context.getRemainingTimeInMillis() };
  // One write takes the payment (or finds it settled, or held); meanwhile the breaker is read if this environment's view of it is old.
  const [claim] = await Promise.all([payments().claim(request, lease, new Date()), breaker().refresh()]);
  if (claim.kind === 'settled') {
    logger.info('Payment request seen before; answering as then', { orderId: request.orderId, status: claim.payment.status });
    return sendMessage(request.replyTo, resultOf(claim.payment), { correlationId });
  }
  if (claim.kind === 'held') throw new PaymentInProgressError(request.orderId, claim.until);

  let attempts = 0;
  let outcome: PaymentOutcome;
  try {
    outcome = await chargeOrder(request, () => void attempts++);
  } catch (error) {
    if (!(error instanceof PaymentDeferredError)) {
      await release(request, lease, attempts);
      throw error;
    }
    // The deferred request comes back after at least a second, by when the lease is released.
    await Promise.all([release(request, lease, attempts), defer(request, error.retryAfterMs, correlationId)]);
    return;
  }
  const payment = await payments().settle(request, outcome, attempts, new Date());
  logger.info('Payment settled', { orderId: payment.orderId, status: payment.status, attempts: payment.attempts });
  countPaymentSettled(payment.status);
  await sendMessage(request.replyTo, resultOf(payment), { correlationId });
};
