import { sleep } from '#shared/backoff';
import type { CapturePayment } from '#shared/contracts/payment';
import { lazily } from '#shared/lazy';
import { logger } from '#shared/powertools';
import { charge, PaymentDeferredError } from './domain/charging';
import type { PaymentOutcome } from './domain/payment';
import { waitedTooLong } from './domain/retry-policy';
import { timedProvider } from './payment-metrics';
import { payments } from './payments';
import { SimulatedCardProcessor } from './provider-simulator';
import { chargingSettings } from './settings';
import { SharedBreaker } from './shared-breaker';

const provider = lazily(() => timedProvider(new SimulatedCardProcessor(chargingSettings().simulator)));

/** The provider's breaker, shared through the Payment table, as this execution environment sees it. */
export const breaker = lazily(() => new SharedBreaker(payments(), provider().name, chargingSettings().breaker));

/**
 * Charges for one order through the breaker and the retry policy; the caller holds the payment's
 * lease. While the provider is unavailable the charge is deferred (PaymentDeferredError), until the
 * order has waited too long: then it is declined. Deciding that under the lease means a payment cannot
 * be both given up and captured by two deliveries of its request. `beforeAttempt` is called before
 * each call to the provider.
 */
export const chargeOrder = async (request: CapturePayment, beforeAttempt: () => void): Promise<PaymentOutcome> => {
  const { retry } = chargingSettings();
  try {
    const outcome = await charge(
      { idempotencyKey: request.orderId, amountCents: request.amountCents, paymentToken: request.paymentToken },
      { provider: provider(), breaker: breaker(), policy: retry, sleep, beforeAttempt },
    );
    return outcome.status === 'captured'
      ? { status: 'CAPTURED', providerReference: outcome.reference }
      : { status: 'DECLINED', declineReason: outcome.reason };
  } catch (error) {
    if (!(error instanceof PaymentDeferredError) || !waitedTooLong(request.requestedAt, Date.now(), retry)) throw error;
    logger.error('Payment given up: the provider was unavailable for too long', { orderId: request.orderId, requestedAt: request.requestedAt });
    return { status: 'DECLINED', declineReason: 'payment-provider-unavailable' };
  }
};
