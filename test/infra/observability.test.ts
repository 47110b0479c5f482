import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { alarmThresholds } from '../../lib/observability/alarm-thresholds';
import { PaymentServiceStack } from '../../lib/services/payment-service';
import { paymentMaxWaitSeconds, settingsFromContext } from '../../lib/shop-app';
import * as path from 'node:path';
import { ServiceFunction } from '../../lib/constructs/service-function';
import { ServiceQueue } from '../../lib/constructs/service-queue';
import { alarmedMetrics, unwatched, watchableResources } from './monitoring-coverage';
import { synthShop } from './shop-app';
import { resourcesOfType } from './templates';

const { stacks } = synthShop();
const services = [stacks.user, stacks.order, stacks.inventory, stacks.payment];
const json = (stack: Stack) => Template.fromStack(stack).toJSON();
/** Each alarm of the stacks with the one metric it evaluates. */
const alarmsOf = (...of: Stack[]) =>
  resourcesOfType(of, 'AWS::CloudWatch::Alarm').map((alarm) => {
    const [metric, ...others] = alarmedMetrics(alarm.properties);
    expect(others).toEqual([]);
    return { ...alarm, metric: metric! };
  });
const anything = { Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching' };

describe('every function, queue, stream, table and route', () => {
  it.each(services.map((stack) => [stack.stackName, stack]))('of %s is on its dashboard and under an alarm', (_name, stack) => {
    const template = json(stack);
    expect(watchableResources(template).length).toBeGreaterThanOrEqual(6);
    expect(unwatched(template)).toEqual({ offDashboard: [], withoutAlarm: [] });
  });

  it('is watched when a service adds it, anywhere in its stack, with no monitoring code of its own', () => {
    const { stacks: fresh } = synthShop();
    const feature = new Construct(fresh.order, 'LateFeature');
    const worker = new ServiceFunction(feature, 'Worker', { service: 'order', entry: path.join(__dirname, '../../functions/order/handlers/get-order.ts') });
    new ServiceQueue(feature, 'Backlog', { consumer: worker });
    const template = json(fresh.order);
    expect(watchableResources(template).map(({ name }) => name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^queue LateFeatureBacklog/), expect.stringMatching(/^function LateFeatureWorker/)]),
    );
    expect(unwatched(template)).toEqual({ offDashboard: [], withoutAlarm: [] });
  });

  it('is reported when nothing watches it', () => {
    const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Unwatched');
    new Queue(stack, 'Forgotten');
    const orphan = new LambdaFunction(stack, 'Orphan', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromInline('exports.handler = async () => {}') });
    new Schedule(stack, 'Ticking', { schedule: ScheduleExpression.rate(Duration.minutes(1)), target: new LambdaInvoke(orphan) });
    const { offDashboard, withoutAlarm } = unwatched(json(stack));
    expect(offDashboard).toEqual([expect.stringMatching(/^function Orphan/), expect.stringMatching(/^queue Forgotten/), expect.stringMatching(/^schedule Ticking/)]);
    expect(withoutAlarm).toEqual(offDashboard);
  });
});

describe('alarms', () => {
  const alarmTopicParameter = (stack: Stack) =>
    Object.entries(json(stack).Parameters as Record<string, { Default?: string }>).find(([, parameter]) => parameter.Default === '/shop/platform/alarm-topic-arn')?.[0];

  it.each(services.map((stack) => [stack.stackName, stack]))(
    'of %s notify the platform alarm topic, found through SSM, on ALARM and back to OK',
    (_name, stack) => {
      const topic = alarmTopicParameter(stack);
      expect(topic).toBeDefined();
      const alarms = resourcesOfType([stack], 'AWS::CloudWatch::Alarm');
      expect(alarms.length).toBeGreaterThan(5);
      for (const alarm of alarms) {
        expect(alarm.properties).toMatchObject({ AlarmActions: [{ Ref: topic }], OKActions: [{ Ref: topic }], ActionsEnabled: true });
      }
    },
  );

  it('fire on any message in a dead-letter queue or a stream failure queue', () => {
    const deadLetterQueues = resourcesOfType(services, 'AWS::SQS::Queue').filter((queue) => !queue.properties.RedrivePolicy);
    expect(deadLetterQueues).toHaveLength(6);
    for (const queue of deadLetterQueues) {
      const watching = alarmsOf(queue.stack).filter(({ metric }) => metric.dimensions.QueueName === `GetAtt:${queue.logicalId}.QueueName`);
      expect(watching).toEqual([
        expect.objectContaining({
          properties: expect.objectContaining(anything),
          metric: expect.objectContaining({ metricName: 'ApproximateNumberOfMessagesVisible', statistic: 'Maximum' }),
        }),
      ]);
    }
  });

  it('fire when a stream consumer falls behind: the Kinesis stream and both stream-reading functions', () => {
    const lagging = alarmsOf(...services).filter(({ metric }) => /IteratorAge/.test(metric.metricName ?? ''));
    expect(lagging.map(({ properties, metric }) => [metric.metricName, properties.AlarmName, properties.Threshold])).toEqual(
      expect.arrayContaining([
        ['GetRecords.IteratorAgeMilliseconds', expect.stringMatching(/^InventoryService-InventoryUpdates/), alarmThresholds.streamIteratorAge.toMilliseconds()],
        ['IteratorAge', expect.stringMatching(/^InventoryService-ApplyStockUpdates/), alarmThresholds.streamIteratorAge.toMilliseconds()],
        ['IteratorAge', expect.stringMatching(/^OrderService-PublishOutbox/), alarmThresholds.streamIteratorAge.toMilliseconds()],
      ]),
    );
    expect(lagging).toHaveLength(3);
  });

  it("fire on a route's 5xx rate and its sustained p99 latency", () => {
    const routes = resourcesOfType(services, 'AWS::ApiGatewayV2::Route');
    const routeAlarms = alarmsOf(...services).filter(({ metric }) => metric.namespace === 'AWS/ApiGateway');
    const serverErrors = routeAlarms.filter(({ metric }) => metric.metricName === '5xx');
    const slow = routeAlarms.filter(({ metric }) => metric.metricName === 'Latency');
    expect([serverErrors.length, slow.length, routeAlarms.length]).toEqual([routes.length, routes.length, 2 * routes.length]);
    for (const { properties, metric } of serverErrors) {
      expect(metric.statistic).toBe('Average'); // of 0 or 1 per request: the share of 5xx
      expect(properties).toMatchObject({ Threshold: alarmThresholds.routeServerErrorRate, EvaluationPeriods: 1 });
    }
    for (const { properties, metric } of slow) {
      expect(metric.statistic).toBe('p99');
      expect(properties).toMatchObject({
        Threshold: alarmThresholds.routeLatencyP99.toMilliseconds(),
        DatapointsToAlarm: alarmThresholds.slowRoutePeriods,
        EvaluationPeriods: 3,
      });
    }
  });

  it('fire on any function error or throttle, and on any throttled table or stream request', () => {
    const all = alarmsOf(...services);
    const functions = resourcesOfType(services, 'AWS::Lambda::Function');
    const tables = resourcesOfType(services, 'AWS::DynamoDB::Table');
    const expected = [
      ['AWS/Lambda', 'Errors', functions.length],
      ['AWS/Lambda', 'Throttles', functions.length],
      ['AWS/DynamoDB', 'ReadThrottleEvents', tables.length],
      ['AWS/DynamoDB', 'WriteThrottleEvents', tables.length],
      ['AWS/Kinesis', 'WriteProvisionedThroughputExceeded', 1],
    ] as const;
    for (const [namespace, metricName, count] of expected) {
      const alarms = all.filter(({ metric }) => metric.namespace === namespace && metric.metricName === metricName);
      expect(alarms).toHaveLength(count);
      for (const { properties } of alarms) expect(properties).toMatchObject({ ...anything, EvaluationPeriods: 1, DatapointsToAlarm: 1 });
    }
  });

  it('fire when an order passes its deadline: the sweeper cancelled it', () => {
    const deadline = alarmsOf(stacks.order).filter(({ metric }) => metric.metricName === 'OrdersCancelled');
    expect(deadline).toEqual([
      expect.objectContaining({
        properties: expect.objectContaining({ ...anything, AlarmName: expect.stringMatching(/OrderDeadline/) }),
        metric: { namespace: 'Shop', metricName: 'OrdersCancelled', statistic: 'Sum', dimensions: { service: 'order' } },
      }),
    ]);
  });

  it("fire when a schedule cannot invoke its function, or drops a tick, in the stack's own schedule group", () => {
    const [schedule] = resourcesOfType([stacks.order], 'AWS::Scheduler::Schedule');
    const scheduling = alarmsOf(stacks.order).filter(({ metric }) => metric.namespace === 'AWS/Scheduler');
    expect(scheduling.map(({ metric }) => metric.metricName).sort()).toEqual(['InvocationDroppedCount', 'TargetErrorCount']);
    for (const { properties, metric } of scheduling) {
      expect(properties).toMatchObject(anything);
      expect(metric.dimensions).toEqual({ ScheduleGroup: schedule!.properties.GroupName });
    }
  });

  it('fire when the payment provider breaker opens', () => {
    const breaker = alarmsOf(stacks.payment).filter(({ metric }) => metric.metricName === 'PaymentBreakerOpened');
    expect(breaker).toEqual([
      expect.objectContaining({
        properties: expect.objectContaining(anything),
        metric: { namespace: 'Shop', metricName: 'PaymentBreakerOpened', statistic: 'Sum', dimensions: { service: 'payment' } },
      }),
    ]);
  });

  it.each(services.map((stack) => [stack.stackName, stack]))('of %s roll up into its health alarm, which the overview shows', (name, stack) => {
    const [health] = resourcesOfType([stack], 'AWS::CloudWatch::CompositeAlarm');
    expect(health?.properties.AlarmName).toBe(`${name}-Health`);
    const rule = JSON.stringify(health!.properties.AlarmRule);
    for (const alarm of resourcesOfType([stack], 'AWS::CloudWatch::Alarm')) expect(rule).toContain(JSON.stringify({ 'Fn::GetAtt': [alarm.logicalId, 'Arn'] }));
    expect(JSON.stringify(json(stacks.platform))).toContain(`:alarm:${name}-Health`);
  });
});

describe('the alarm topic', () => {
  it('lives in the platform stack, lets CloudWatch publish, and is published in SSM for the services', () => {
    const template = Template.fromStack(stacks.platform);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish' })]) },
    });
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/shop/platform/alarm-topic-arn', Value: { Ref: Match.stringLikeRegexp('Topic') } });
  });

  it('mails every address of the alarmEmail context', () => {
    const { stacks: configured } = synthShop({ context: { alarmEmail: 'ops@example.test, oncall@example.test' } });
    const subscriptions = resourcesOfType([configured.platform], 'AWS::SNS::Subscription');
    expect(subscriptions.map((subscription) => [subscription.properties.Protocol, subscription.properties.Endpoint])).toEqual([
      ['email', 'ops@example.test'],
      ['email', 'oncall@example.test'],
    ]);
  });
});

describe('dashboards', () => {
  it('one per service and a system overview, each linked from a stack output', () => {
    for (const stack of services) {
      Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: `Shop-${stack.stackName}` });
      expect(JSON.stringify(json(stack).Outputs.DashboardUrl.Value)).toContain(`#dashboards/dashboard/Shop-${stack.stackName}`);
    }
    Template.fromStack(stacks.platform).hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'Shop-Overview' });
    expect(JSON.stringify(json(stacks.platform).Outputs.OverviewDashboardUrl.Value)).toContain('#dashboards/dashboard/Shop-Overview');
  });

  it('graph per-route metrics, which the stage publishes', () => {
    Template.fromStack(stacks.platform).hasResourceProperties('AWS::ApiGatewayV2::Stage', { DefaultRouteSettings: { DetailedMetricsEnabled: true } });
  });

  it("graph each service's business figures by the names its functions emit", () => {
    const bodies = (stack: Stack) => JSON.stringify(resourcesOfType([stack], 'AWS::CloudWatch::Dashboard').map((dashboard) => dashboard.properties.DashboardBody));
    const expected = {
      order: ['OrdersPlaced', 'OrdersConfirmed', 'OrdersRejected', 'OrdersPaymentFailed', 'OrdersCancelled'],
      payment: ['PaymentProviderLatency', 'PaymentsCaptured', 'PaymentsDeclined', 'PaymentsRefunded', 'PaymentsCancelled', 'PaymentsReconciled', 'PaymentBreakerOpened'],
      inventory: ['StockUpdatesApplied', 'StockUpdatesRejected'],
    };
    for (const [service, names] of Object.entries(expected)) {
      for (const name of names) {
        expect(bodies(stacks[service as keyof typeof expected])).toContain(`\\"${name}\\"`);
        expect(bodies(stacks.platform)).toContain(`\\"${name}\\"`);
      }
    }
  });
});

describe('a service stack', () => {
  it('deploys on its own: watched, alarmed, with no reference to another stack', () => {
    const app = new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [] } });
    const settings = settingsFromContext(app);
    const payment = new PaymentServiceStack(app, 'PaymentService', {
      deletionProtection: false,
      maxWaitSeconds: paymentMaxWaitSeconds(settings.orderTimeoutSeconds),
      simulator: settings.paymentSimulator,
    });
    const template = json(payment);
    expect(payment.dependencies).toEqual([]);
    expect(JSON.stringify(template)).not.toContain('Fn::ImportValue');
    expect(unwatched(template)).toEqual({ offDashboard: [], withoutAlarm: [] });
  });
});
