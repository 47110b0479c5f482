/*
 * The figures the functions emit as CloudWatch metrics (Powertools Metrics, embedded metric format),
 * by the service that emits them. Dashboards and alarms (lib/observability) read the same names, so a
 * renamed metric cannot leave a graph or an alarm watching nothing.
 */

/** The CloudWatch namespace of every metric the functions emit. */
export const metricsNamespace = 'Shop';

/** Every metric carries the emitting service (POWERTOOLS_SERVICE_NAME) under this dimension. */
export const serviceDimension = 'service';

/** Powertools' own metric, emitted once per execution environment, with a `function_name` dimension too. */
export const coldStartMetric = { name: 'ColdStart', functionDimension: 'function_name' } as const;

/** Emitted by the shared batch consumer in every service. */
export const sharedMetrics = {
  /** A record that failed and went back for a retry (or, in the end, to a DLQ). */
  recordsFailed: 'RecordsFailed',
} as const;

export const orderMetrics = {
  placed: 'OrdersPlaced',
  confirmed: 'OrdersConfirmed',
  rejected: 'OrdersRejected',
  paymentFailed: 'OrdersPaymentFailed',
  /** An order cancelled because it was still under way at its deadline: something upstream is broken (alarmed). */
  cancelled: 'OrdersCancelled',
} as const;

export const paymentMetrics = {
  /** Milliseconds per call to the card processor, whatever its outcome. */
  providerLatency: 'PaymentProviderLatency',
  captured: 'PaymentsCaptured',
  declined: 'PaymentsDeclined',
  /** A captured payment refunded (its order was cancelled). */
  refunded: 'PaymentsRefunded',
  /** A payment cancelled before anything was charged (its order was cancelled). */
  cancelled: 'PaymentsCancelled',
  /** A charge whose outcome was unknown (a call abandoned on timeout, a crash) found at the provider by its idempotency key. */
  reconciled: 'PaymentsReconciled',
  /** A payment request put back on its queue while the provider is unavailable. */
  deferred: 'PaymentsDeferred',
  breakerOpened: 'PaymentBreakerOpened',
  breakerHalfOpened: 'PaymentBreakerHalfOpened',
  breakerClosed: 'PaymentBreakerClosed',
} as const;

export const inventoryMetrics = {
  stockUpdatesApplied: 'StockUpdatesApplied',
  stockUpdatesRejected: 'StockUpdatesRejected',
} as const;
