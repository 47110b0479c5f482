import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { orderMetrics } from '#shared/contracts/metrics';
import { metrics } from '#shared/powertools';
import type { OrderStatus } from './domain/order';

const metricOf: Partial<Record<OrderStatus, string>> = {
  PENDING: orderMetrics.placed,
  CONFIRMED: orderMetrics.confirmed,
  REJECTED: orderMetrics.rejected,
  PAYMENT_FAILED: orderMetrics.paymentFailed,
  CANCELLED: orderMetrics.cancelled,
};

/** Counts an order that has just reached a state: placed, or one of the saga's four ends. */
export const countOrderReaching = (status: OrderStatus): void => {
  const name = metricOf[status];
  if (name) metrics.addMetric(name, MetricUnit.Count, 1);
};
