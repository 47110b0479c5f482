import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { paymentMetrics } from '#shared/contracts/metrics';
import { metrics } from '#shared/powertools';
import type { BreakerState } from './domain/circuit-breaker';
import type { PaymentStatus } from './domain/payment';
import type { PaymentProvider } from './domain/provider';

const timed = async <T>(call: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  try {
    return await call();
  } finally {
    metrics.addMetric(paymentMetrics.providerLatency, MetricUnit.Milliseconds, Math.round(performance.now() - started));
  }
};

/** The same provider, with the duration of every call recorded, answered or not. */
export const timedProvider = (provider: PaymentProvider): PaymentProvider => ({
  name: provider.name,
  charge: (request) => timed(() => provider.charge(request)),
  findCharge: (call) => timed(() => provider.findCharge(call)),
  refund: (call) => timed(() => provider.refund(call)),
});

const settledMetric: Partial<Record<PaymentStatus, string>> = {
  CAPTURED: paymentMetrics.captured,
  DECLINED: paymentMetrics.declined,
  REFUNDED: paymentMetrics.refunded,
  CANCELLED: paymentMetrics.cancelled,
};

export const countPaymentSettled = (status: PaymentStatus): void => {
  const name = settledMetric[status];
  if (name) metrics.addMetric(name, MetricUnit.Count, 1);
};

/** Counts a charge of unknown outcome that the provider's records settled. */
export const countPaymentReconciled = (): void => {
  metrics.addMetric(paymentMetrics.reconciled, MetricUnit.Count, 1);
};

export const countPaymentDeferred = (): void => {
  metrics.addMetric(paymentMetrics.deferred, MetricUnit.Count, 1);
};

const breakerMetric: Record<BreakerState['state'], string> = {
  open: paymentMetrics.breakerOpened,
  'half-open': paymentMetrics.breakerHalfOpened,
  closed: paymentMetrics.breakerClosed,
};

/** Counts the shared breaker moving to another state (an alarm watches it opening). */
export const countBreakerChange = (to: BreakerState['state']): void => {
  metrics.addMetric(breakerMetric[to], MetricUnit.Count, 1);
};
