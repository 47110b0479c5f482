import { Duration } from 'aws-cdk-lib';
import { TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';

/**
 * Every alarm threshold, in one place (docs/observability.md explains each). An alarm should mean that
 * customers are, or soon will be, affected, and that a person has something to do.
 */
export const alarmThresholds = {
  /** The period every alarm evaluates, and how many of them it looks at: one, unless said otherwise. */
  period: Duration.minutes(5),
  evaluationPeriods: 1,
  /** No data means nothing happened (no requests, no records, an idle queue): not a reason to alarm. */
  missingData: TreatMissingData.NOT_BREACHING,
  /** Messages in a dead-letter queue or a stream's on-failure queue: any one needs a person. */
  deadLetterMessages: 0,
  /**
   * Age of the oldest message on a queue a service consumes. Above SQS's longest delay (15 minutes),
   * so a payment request put off during a provider outage does not trip it on its own.
   */
  queueMessageAge: Duration.minutes(20),
  /** How far a stream consumer (Kinesis or DynamoDB Streams) may lag behind the newest record. */
  streamIteratorAge: Duration.minutes(1),
  /** Share of a route's requests answered with a 5xx. Bad input is always a 4xx, so a 5xx is a fault. */
  routeServerErrorRate: 0.01,
  /** A route's 99th percentile latency, sustained for `slowRoutePeriods` of 3 periods (not one cold start). */
  routeLatencyP99: Duration.millis(2500),
  slowRoutePeriods: 2,
  /** Function errors (crashes and timeouts: handled failures are not errors) and throttles, per period. */
  functionErrors: 0,
  functionThrottles: 0,
  /** Throttled requests on a table (read or write) or on the inventory-updates stream, per period. */
  tableThrottles: 0,
  streamThrottledRecords: 0,
  /** The payment provider's breaker opened (or re-opened after a failed probe) within the period. */
  paymentBreakerOpenings: 0,
  /** Orders cancelled because they were still under way at their deadline: each one means something upstream is broken. */
  ordersPastDeadline: 0,
  /** Schedule ticks that could not invoke their function (an error, or dropped after the schedule's retries). */
  scheduleFailures: 0,
} as const;

/** One alarm on a threshold, in the shape cdk-monitoring-constructs takes, silent while there is no data. */
export const alarmOn = <T extends object>(threshold: T) => ({
  Critical: { ...threshold, treatMissingDataOverride: alarmThresholds.missingData },
});
