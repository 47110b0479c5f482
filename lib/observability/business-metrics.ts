import { ComparisonOperator, MathExpression, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { CustomMetric, CustomMetricGroup } from 'cdk-monitoring-constructs';
import {
  coldStartMetric,
  inventoryMetrics,
  metricsNamespace,
  orderMetrics,
  paymentMetrics,
  serviceDimension,
  sharedMetrics,
} from '../../functions/shared/contracts/metrics';
import { alarmThresholds } from './alarm-thresholds';

/** The `service` of every function of a service stack (POWERTOOLS_SERVICE_NAME): a dimension of its metrics. */
export type ServiceName = 'user' | 'order' | 'inventory' | 'payment';

const figure = (service: ServiceName, metricName: string, label: string, statistic = 'Sum') =>
  new Metric({
    namespace: metricsNamespace,
    metricName,
    dimensionsMap: { [serviceDimension]: service },
    statistic,
    label,
    period: alarmThresholds.period,
  });

/** A figure that, on the service's own dashboard, alarms as soon as it is above the threshold. */
const alarmedWhenAbove = (
  metric: Metric,
  alarmed: boolean,
  alarm: { name: string; disambiguator: string; threshold: number; description: string },
): CustomMetric => {
  if (!alarmed) return metric;
  return {
    metric,
    alarmFriendlyName: alarm.name,
    addAlarm: {
      [alarm.disambiguator]: {
        threshold: alarm.threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingDataOverride: alarmThresholds.missingData,
        additionalDescription: alarm.description,
      },
    },
  };
};

const breakerOpenings = (alarmed: boolean) =>
  alarmedWhenAbove(figure('payment', paymentMetrics.breakerOpened, 'opened'), alarmed, {
    name: 'PaymentBreaker',
    disambiguator: 'Open',
    threshold: alarmThresholds.paymentBreakerOpenings,
    description: 'The payment provider keeps failing: payments wait on their queue until it answers again.',
  });

const ordersPastDeadline = (alarmed: boolean) =>
  alarmedWhenAbove(figure('order', orderMetrics.cancelled, 'cancelled (past their deadline)'), alarmed, {
    name: 'OrderDeadline',
    disambiguator: 'Passed',
    threshold: alarmThresholds.ordersPastDeadline,
    description: 'An order was still under way at its deadline and was cancelled: a message of the saga is stuck or lost (a DLQ, a failing consumer). See docs/operations.md.',
  });

/**
 * Each service's own figures as dashboard graphs, from the names the functions emit. `alarmed` adds
 * the alarms they carry: the service's dashboard has them, the system overview only shows the graphs.
 */
export const businessMetricGroups = (service: ServiceName, alarmed: boolean): CustomMetricGroup[] => {
  switch (service) {
    case 'order':
      return [
        {
          title: 'Orders',
          metrics: [
            figure(service, orderMetrics.placed, 'placed'),
            figure(service, orderMetrics.confirmed, 'confirmed'),
            figure(service, orderMetrics.rejected, 'rejected'),
            figure(service, orderMetrics.paymentFailed, 'payment failed'),
            ordersPastDeadline(alarmed),
          ],
        },
      ];
    case 'payment':
      return [
        {
          title: 'Payment provider latency',
          metrics: ['p50', 'p90', 'p99'].map((percentile) => figure(service, paymentMetrics.providerLatency, percentile, percentile)),
        },
        {
          title: 'Payments',
          metrics: [
            figure(service, paymentMetrics.captured, 'captured'),
            figure(service, paymentMetrics.declined, 'declined'),
            figure(service, paymentMetrics.deferred, 'put off (provider unavailable)'),
            figure(service, paymentMetrics.refunded, 'refunded (order cancelled)'),
            figure(service, paymentMetrics.cancelled, 'cancelled before any charge'),
            figure(service, paymentMetrics.reconciled, 'reconciled (lost answer found)'),
          ],
        },
        {
          title: 'Payment provider breaker',
          metrics: [
            breakerOpenings(alarmed),
            figure(service, paymentMetrics.breakerHalfOpened, 'half-opened'),
            figure(service, paymentMetrics.breakerClosed, 'closed'),
          ],
        },
      ];
    case 'inventory':
      return [
        {
          title: 'Stock updates',
          metrics: [
            figure(service, inventoryMetrics.stockUpdatesApplied, 'applied'),
            figure(service, inventoryMetrics.stockUpdatesRejected, 'rejected'),
          ],
        },
      ];
    case 'user':
      return [];
  }
};

/** Every series of a metric with these dimensions, found by search: a function added later is on the graph too. */
const search = (metricName: string, dimensions: string[], service?: ServiceName) => {
  const schema = [metricsNamespace, ...dimensions].join(',');
  const filter = service ? ` ${serviceDimension}="${service}"` : '';
  return new MathExpression({
    expression: `SEARCH('{${schema}}${filter} MetricName="${metricName}"', 'Sum', ${alarmThresholds.period.toSeconds()})`,
    usingMetrics: {},
    label: ' ',
    period: alarmThresholds.period,
  });
};

/**
 * Health figures every service shares: cold starts by function, and records its batch consumers
 * failed (retried, and dead-lettered in the end). Without a service: the whole system's, by service.
 */
export const healthMetricGroups = (service?: ServiceName, readsRecords = true): CustomMetricGroup[] => [
  { title: 'Cold starts by function', metrics: [search(coldStartMetric.name, [serviceDimension, coldStartMetric.functionDimension], service)] },
  ...(readsRecords ? [{ title: 'Records failed', metrics: [search(sharedMetrics.recordsFailed, [serviceDimension], service)] }] : []),
];
