import { sleep } from '#shared/backoff';
import type { CapturePayment } from '#shared/contracts/payment';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { lazily } from '#shared/lazy';
import { logger } from '#shared/powertools';
import { awsRequestHandler } from '#shared/request-handler';
import { charge, PaymentDeferredError, withTimeout } from './domain/charging';
import type { PaymentOutcome, StoredPayment } from './domain/payment';
import { type ChargeOutcome, type PaymentProvider, ProviderUnavailableError } from './domain/provider';
import { waitedTooLong } from './domain/retry-policy';
import { countPaymentReconciled, timedProvider } from './payment-metrics';
import { payments } from './payments';
import { SimulatedCardProcessor } from './provider-simulator';
import { chargingSettings, paymentSettings } from './settings';
import { SharedBreaker } from './shared-breaker';
import { DynamoDbChargeLedger } from './simulator-ledger-dynamodb';

/** The simulated processor keeps its books through a client of its own: its requests are not the Payment service's. */
const provider = lazily(() =>
  timedProvider(
    new SimulatedCardProcessor(
      chargingSettings().simulator,
      new DynamoDbChargeLedger(DynamoDBDocumentClient.from(new DynamoDBClient({ requestHandler: awsRequestHandler() })), paymentSettings().tableName),
    ),
  ),
);

/** The provider's breaker, shared through the Payment table, as this execution environment sees it. */
export const breaker = lazily(() => new SharedBreaker(payments(), provider().name, chargingSettings().breaker));

const outcomeOf = (outcome: ChargeOutcome): PaymentOutcome =>
  outcome.status === 'captured' ? { status: 'CAPTURED', providerReference: outcome.reference } : { status: 'DECLINED', declineReason: outcome.reason };

/**
 * A call to the provider other than a charge, cut off like an attempt; when the provider cannot answer,
 * the request waits on its queue (PaymentDeferredError) until it can.
 */
const askProvider = async <T>(call: (provider: PaymentProvider, signal: AbortSignal) => Promise<T>): Promise<T> => {
  try {
    return await withTimeout(chargingSettings().retry.attemptTimeoutMs, (signal) => call(provider(), signal));
  } catch (error) {
    if (error instanceof ProviderUnavailableError) throw new PaymentDeferredError(0, { cause: error });
    throw error;
  }
};

/** What the provider did with the payment's idempotency key: the charge a call abandoned on timeout, or a crashed delivery, may have made. */
const chargeOnRecord = async (orderId: string): Promise<ChargeOutcome | undefined> => {
  const found = await askProvider((processor, signal) => processor.findCharge({ idempotencyKey: orderId, signal }));
  if (found) {
    logger.warn('Payment reconciled: the provider has a charge for it', { orderId, status: found.status });
    countPaymentReconciled();
  }
  return found;
};

/** The calls one delivery made to charge: how many, and whether one was abandoned without an answer. */
export interface ChargeTally {
  attempts: number;
  abandoned: boolean;
}

/**
 * Charges for one order through the breaker and the retry policy; the caller holds the payment's
 * lease. While the provider is unavailable the charge is deferred (PaymentDeferredError), until the
 * order has waited too long; then the payment is declined. But if a call for it may have charged
 * unbeknown (abandoned on timeout, by this delivery or an earlier one: `outcomeUnknown`), the provider
 * is asked first what it did with the payment's key: a charge found is the outcome, and while the
 * provider cannot say, the payment keeps waiting. Deciding that under the lease means a payment cannot
 * be both given up and captured by two deliveries of its request.
 */
export const chargeOrder = async (request: CapturePayment, tally: ChargeTally, outcomeUnknown: boolean): Promise<PaymentOutcome> => {
  const { retry } = chargingSettings();
  try {
    return outcomeOf(
      await charge(
        { idempotencyKey: request.orderId, amountCents: request.amountCents, paymentToken: request.paymentToken },
        {
          provider: provider(),
          breaker: breaker(),
          policy: retry,
          sleep,
          beforeAttempt: () => void tally.attempts++,
          onAbandoned: () => void (tally.abandoned = true),
        },
      ),
    );
  } catch (error) {
    if (!(error instanceof PaymentDeferredError) || !waitedTooLong(request.requestedAt, Date.now(), retry)) throw error;
    const found = outcomeUnknown || tally.abandoned ? await chargeOnRecord(request.orderId) : undefined;
    if (found) return outcomeOf(found);
    logger.error('Payment given up: the provider was unavailable for too long, and charged nothing', { orderId: request.orderId, requestedAt: request.requestedAt });
    return { status: 'DECLINED', declineReason: 'payment-provider-unavailable' };
  }
};

/**
 * Undoes the payment of a cancelled order; the caller holds its lease. A captured payment is refunded.
 * A pending one was charged by nobody, unless a call for it may have charged unbeknown: then the
 * provider is asked first; a charge found is refunded (a decline found stands), and with none, nothing
 * was charged and nothing will be. While the provider cannot answer, the request waits on its queue
 * (PaymentDeferredError).
 */
export const cancelOrderPayment = async (payment: StoredPayment): Promise<PaymentOutcome> => {
  let chargeReference = payment.status === 'CAPTURED' ? payment.providerReference : undefined;
  if (!chargeReference) {
    const found = payment.outcomeUnknown ? await chargeOnRecord(payment.orderId) : undefined;
    if (!found) return { status: 'CANCELLED' };
    if (found.status === 'declined') return outcomeOf(found);
    chargeReference = found.reference;
  }
  const refund = await askProvider((processor, signal) => processor.refund({ idempotencyKey: payment.orderId, signal }));
  return { status: 'REFUNDED', providerReference: chargeReference!, refundReference: refund.reference };
};
