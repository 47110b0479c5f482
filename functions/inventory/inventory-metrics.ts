import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { inventoryMetrics } from '#shared/contracts/metrics';
import { metrics } from '#shared/powertools';

const metricOf = { applied: inventoryMetrics.stockUpdatesApplied, rejected: inventoryMetrics.stockUpdatesRejected } as const;

/** Counts a stock update from the stream: applied to the stock, or recorded as rejected. */
export const countStockUpdate = (outcome: keyof typeof metricOf): void => {
  metrics.addMetric(metricOf[outcome], MetricUnit.Count, 1);
};
