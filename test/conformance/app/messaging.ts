import { Duration, type Stack } from 'aws-cdk-lib';
import { EventBus, Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { ContextAttribute, ScheduleExpression, ScheduleTargetInput, Schedule as SchedulerSchedule, TimeWindow } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { SubscriptionFilter, Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription, SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import type { FunctionFactory } from './conformance-stack';

/**
 * SNS, EventBridge and schedules, all delivering to one function that records what it gets: a topic
 * with a Lambda, an SQS and a raw, filtered SQS subscription; a custom bus whose rule sends matching
 * events to the function and their detail to a queue; and a rate rule, a cron rule and a Scheduler
 * schedule with a flexible time window.
 */
export const addMessaging = (stack: Stack, fn: FunctionFactory, publisher: IGrantable): void => {
  const recorder = fn('Recorder', 'recorder.ts');

  const notices = new Topic(stack, 'Notices');
  notices.addSubscription(new LambdaSubscription(recorder));
  notices.addSubscription(new SqsSubscription(new Queue(stack, 'NoticeInbox')));
  notices.addSubscription(
    new SqsSubscription(new Queue(stack, 'RawNoticeInbox'), {
      rawMessageDelivery: true,
      filterPolicy: { kind: SubscriptionFilter.stringFilter({ allowlist: ['keep'] }) },
    }),
  );
  notices.grantPublish(publisher);
  // A topic nobody may publish to.
  new Topic(stack, 'Unpublished');

  const orders = new EventBus(stack, 'Orders');
  new Rule(stack, 'PlacedOrders', {
    eventBus: orders,
    eventPattern: { source: ['conformance.orders'], detail: { status: ['PLACED'] } },
    targets: [new LambdaFunction(recorder), new SqsQueue(new Queue(stack, 'PlacedOrderDetails'), { message: RuleTargetInput.fromEventPath('$.detail') })],
  });
  orders.grantPutEventsTo(publisher);

  new Rule(stack, 'EveryMinute', { schedule: Schedule.rate(Duration.minutes(1)), targets: [new LambdaFunction(recorder)] });
  new Rule(stack, 'AtNoon', {
    schedule: Schedule.cron({ minute: '0', hour: '12' }),
    targets: [new LambdaFunction(recorder, { event: RuleTargetInput.fromObject({ schedule: 'noon' }) })],
  });
  new SchedulerSchedule(stack, 'Sweep', {
    schedule: ScheduleExpression.rate(Duration.minutes(5)),
    timeWindow: TimeWindow.flexible(Duration.minutes(10)),
    target: new LambdaInvoke(recorder, { input: ScheduleTargetInput.fromObject({ schedule: 'sweep', scheduledTime: ContextAttribute.scheduledTime }) }),
  });
};
