import { type Duration, Stack, Validations } from 'aws-cdk-lib';
import type { CfnFunction, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleGroup, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';

export interface ScheduledInvocationProps {
  readonly target: LambdaFunction;
  /** At least a minute: EventBridge Scheduler's finest rate. */
  readonly every: Duration;
  readonly description: string;
}

/** Each stack's schedules share one group of their own: its metrics are the stack's schedules', and nobody else's. */
const scheduleGroupOf = (stack: Stack): ScheduleGroup =>
  (stack.node.tryFindChild('Schedules') as ScheduleGroup | undefined) ?? new ScheduleGroup(stack, 'Schedules');

/**
 * Invokes a function at a fixed rate with EventBridge Scheduler (see decision 0051): a tick, whose only
 * data is the time it was scheduled for (`{"scheduledTime":"2026-12-01T10:15:00Z"}`, decision 0055). A tick that cannot be delivered within one period, or whose invocation fails, is not
 * retried later: the next tick, one period on, does the same work, and the function's error alarm and
 * the schedule group's alarms tell a person.
 */
export class ScheduledInvocation extends Construct {
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: ScheduledInvocationProps) {
    super(scope, id);
    this.schedule = new Schedule(this, 'Schedule', {
      schedule: ScheduleExpression.rate(props.every),
      target: new LambdaInvoke(props.target, {
        retryAttempts: 2,
        maxEventAge: props.every,
        input: ScheduleTargetInput.fromObject({ scheduledTime: ContextAttribute.scheduledTime }),
      }),
      scheduleGroup: scheduleGroupOf(Stack.of(this)),
      description: props.description,
    });
    props.target.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: props.every });
    const stack = Stack.of(this);
    const functionId = stack.getLogicalId(props.target.node.defaultChild as CfnFunction);
    Validations.of(stack).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
      reason: `The scheduler's role may invoke ${props.target.node.id} and nothing else; the grant names the function's versions and aliases too (:*).`,
    });
    Validations.of(props.target).acknowledge({
      id: 'Shop-AsyncFailureDestination',
      reason: 'Invoked by a schedule with a tick that carries only its time: a failed invocation is done again by the next tick, and alarms.',
    });
  }
}
