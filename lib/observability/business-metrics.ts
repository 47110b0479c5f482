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

const breakerOpenings = (alarmed: boolean): CustomMetric => {
  const metric = figure('payment', paymentMetrics.breakerOpened, 'opened');
  if (!alarmed) return metric;
  return {
    metric,
    alarmFriendlyName: 'PaymentBreaker',
    addAlarm: {
      Open: {
        threshold: alarmThresholds.paymentBreakerOpenings,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingDataOverride: alarmThresholds.missingData,
        additionalDescription: 'The payment provider keeps failing: payments wait on their queue until it answers again.',
      },
    },
  };
};

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
