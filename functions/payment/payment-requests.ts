import type { Context } from 'aws-lambda';
import type { PaymentRequest } from '#shared/contracts/payment';
import { logger } from '#shared/powertools';
import { sendMessage } from '#shared/queue-messages';
import { breaker, cancelOrderPayment, type ChargeTally, chargeOrder } from './charges';
import { PaymentDeferredError } from './domain/charging';
import { type PaymentLease, type PaymentOutcome, resultOf, type SettledPayment } from './domain/payment';
import { deferralSeconds, leaseEndDelaySeconds, untilGiveUpMs } from './domain/retry-policy';
import { countPaymentDeferred, countPaymentSettled } from './payment-metrics';
import { payments } from './payments';
import { chargingSettings } from './settings';

/**
 * Puts the request back on the queue, held back until the provider may be reachable again (and, for a
 * charge, no later than when it may be given up).
 */
const defer = async (request: PaymentRequest, retryAfterMs: number, correlationId: string) => {
  const deferrals = request.deferrals ?? 0;
  const giveUpInMs = request.type === 'CapturePayment' ? untilGiveUpMs(request.requestedAt, Date.now(), chargingSettings().retry) : undefined;
  const delaySeconds = deferralSeconds(deferrals, retryAfterMs, Math.random, giveUpInMs);
  const later: PaymentRequest = { ...request, deferrals: deferrals + 1 };
  await sendMessage(chargingSettings().paymentRequestsQueueUrl, later, { correlationId, delaySeconds });
  logger.warn('Payment put off: the provider is unavailable', { orderId: request.orderId, type: request.type, deferrals: deferrals + 1, delaySeconds });
  countPaymentDeferred();
};

/**
 * Puts back a request that found another delivery acting on its payment, to come back a second after
 * that delivery's lease ends (its invocation's time is up, at most the function's timeout away). Failing
 * it instead would bring it back only after the queue's visibility timeout, six times as long: a
 * cancellation that met a charge under way would refund it minutes later, not seconds.
 */
const putBackUntilLeaseEnds = async (request: PaymentRequest, heldUntil: number, correlationId: string) => {
  const delaySeconds = leaseEndDelaySeconds(heldUntil, Date.now());
  await sendMessage(chargingSettings().paymentRequestsQueueUrl, request, { correlationId, delaySeconds });
  logger.info('Payment held by another delivery: the request comes back once its lease ends', { orderId: request.orderId, type: request.type, delaySeconds });
};

/**
 * Gives the payment back unsettled, with the calls made, and whether one may have charged unbeknown. If
 * that fails, the lease lapses by itself when this invocation's time is up (and is then unknown too).
 */
const release = async (request: PaymentRequest, lease: PaymentLease, attempts: number, outcomeUnknown: boolean) => {
  try {
    if (!(await payments().release(request, lease.owner, attempts, new Date(), outcomeUnknown))) {
      logger.warn('Payment lease lapsed before it was released', { orderId: request.orderId, attempts });
    }
  } catch (error) {
    logger.warn('Payment lease not released; it lapses with this invocation', { orderId: request.orderId, attempts, error: error as Error });
  }
};

/** Answers a charge request with the payment's outcome, if it has one to give; a cancellation has no answer. */
const answer = async (request: PaymentRequest, payment: SettledPayment, correlationId: string) => {
  if (request.type !== 'CapturePayment') return;
  const result = resultOf(payment);
  if (result) await sendMessage(request.replyTo, result, { correlationId });
};

/**
 * Takes one payment request to its outcome and answers it. A CapturePayment charges; a CancelPayment
 * (its order was cancelled) first marks the payment, so that no later delivery charges it, then refunds
 * what was captured or cancels what was not. Whichever delivery holds the payment's lease (taken for
 * the rest of this invocation) acts, and a request that finds it held comes back once it ends: a
 * CapturePayment that finds the payment marked undoes it instead of charging. A request for a payment
 * with nothing left to do is answered again with the same outcome: the answer may have been lost, the
 * charge must not be repeated.
 */
export const handlePaymentRequest = async (request: PaymentRequest, correlationId: string, context: Context): Promise<void> => {
  const lease: PaymentLease = { owner: context.awsRequestId, until: Date.now() + context.getRemainingTimeInMillis() };
  const charging = request.type === 'CapturePayment';
  if (!charging) await payments().requestCancellation(request, new Date());
  // One write takes the payment (or finds it settled, or held); meanwhile the breaker is read if this environment's view of it is old.
  const [claim] = await Promise.all([payments().claim(request, lease, new Date(), charging ? 'charge' : 'cancel'), charging && breaker().refresh()]);
  if (claim.kind === 'settled') {
    logger.info('Payment request seen before; answering as then', { orderId: request.orderId, type: request.type, status: claim.payment.status });
    return answer(request, claim.payment, correlationId);
  }
  if (claim.kind === 'held') return putBackUntilLeaseEnds(request, claim.until, correlationId);

  const { payment: claimed } = claim;
  const tally: ChargeTally = { attempts: 0, abandoned: false };
  let outcome: PaymentOutcome;
  try {
    outcome =
      request.type === 'CapturePayment' && !claimed.cancelRequested
        ? await chargeOrder(request, tally, claimed.outcomeUnknown ?? false)
        : await cancelOrderPayment(claimed);
  } catch (error) {
    const deferred = error instanceof PaymentDeferredError;
    // A call that was answered, followed by a failure before the outcome was stored, may have charged too.
    const outcomeUnknown = (claimed.outcomeUnknown ?? false) || tally.abandoned || (!deferred && tally.attempts > 0);
    if (!deferred) {
      await release(request, lease, tally.attempts, outcomeUnknown);
      throw error;
    }
    // The deferred request comes back after at least a second, by when the lease is released.
    await Promise.all([release(request, lease, tally.attempts, outcomeUnknown), defer(request, error.retryAfterMs, correlationId)]);
    return;
  }
  const payment = await payments().settle(request, outcome, { owner: lease.owner, attempts: tally.attempts }, new Date());
  logger.info('Payment settled', { orderId: payment.orderId, status: payment.status, attempts: payment.attempts });
  countPaymentSettled(payment.status);
  await answer(request, payment, correlationId);
};
