import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import { sleep } from '#shared/backoff';
import { dynamoDbClient } from '#shared/clients';
import type { CapturePayment } from '#shared/contracts/payment';
import { lazily } from '#shared/lazy';
import { logger } from '#shared/powertools';
import { charge, PaymentDeferredError } from './domain/charging';
import type { PaymentOutcome } from './domain/payment';
import { waitedTooLong } from './domain/retry-policy';
import { timedProvider } from './payment-metrics';
import { payments } from './payments';
import { SimulatedCardProcessor } from './provider-simulator';
import { chargingSettings, paymentSettings } from './settings';
import { SharedBreaker } from './shared-breaker';

const provider = lazily(() => timedProvider(new SimulatedCardProcessor(chargingSettings().simulator)));
const breaker = lazily(() => new SharedBreaker(payments(), provider().name, chargingSettings().breaker));

/**
 * Charges for one order through the breaker and the retry policy. While the provider is unavailable
 * the charge is deferred (PaymentDeferredError), until the order has waited too long: then it is
 * declined. Deciding that here, under the idempotency lock, means a payment cannot be both given up
 * and captured by two deliveries of its request.
 */
const chargeOnce = async (request: CapturePayment): Promise<PaymentOutcome> => {
  const { retry } = chargingSettings();
  try {
    const outcome = await charge(
      { idempotencyKey: request.orderId, amountCents: request.amountCents, paymentToken: request.paymentToken },
      { provider: provider(), breaker: breaker(), policy: retry, sleep, beforeAttempt: () => payments().recordAttempt(request, new Date()) },
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

const idempotency = new IdempotencyConfig({ eventKeyJmesPath: 'orderId', expiresAfterSeconds: 24 * 3600 });

/*
 * Powertools idempotency around the charge, keyed by order: while one delivery of a payment request
 * charges, another fails with IdempotencyAlreadyInProgressError (and its message is retried later);
 * once it is done, every other delivery gets the stored outcome without calling the provider. If the
 * function dies mid-charge, the lock lapses when the invocation's time is up.
 */
const idempotentCharge = lazily(() =>
  makeIdempotent(chargeOnce, {
    persistenceStore: new DynamoDBPersistenceLayer({
      tableName: paymentSettings().tableName,
      keyAttr: 'pk',
      sortKeyAttr: 'sk',
      staticPkValue: 'IDEMPOTENCY#charge',
      expiryAttr: 'expiresAt',
      awsSdkV3Client: dynamoDbClient(),
    }),
    config: idempotency,
    keyPrefix: 'charge',
  }),
);

/** Charges for the order at most once, however often and however concurrently its request is delivered. */
export const chargeOrder = (request: CapturePayment, context: Context): Promise<PaymentOutcome> => {
  idempotency.registerLambdaContext(context);
  return idempotentCharge()(request);
};
