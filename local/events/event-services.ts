import { randomUUID } from 'node:crypto';
import type { AppModel, FunctionSpec, ScheduleSpec } from '../assembly/app-model';
import { assumedRoleArn } from '../front-door/callers';
import type { LocalAws } from '../front-door/local-aws';
import type { Invoker } from '../gateway/invoker';
import { AsyncInvoker, type QueueSender } from '../lambda/async-invoker';
import { LocalEventBridge } from '../services/eventbridge';
import { LocalLambdaApi } from '../services/lambda-api';
import { LocalSns } from '../services/sns';
import { type Fired, ScheduleRunner } from './schedule-runner';
import { type DeliveryContext, deliverToTarget } from './target-delivery';

export interface EventServicesOptions {
  readonly region: string;
  readonly accountId: string;
  readonly localAws: LocalAws;
  readonly invoker: Invoker;
  readonly functions: () => readonly FunctionSpec[];
  readonly sendToQueue: QueueSender;
  readonly onWarning: (message: string) => void;
  /** Run schedules on the clock; without, only `runDueSchedules` fires them. @default true */
  readonly runSchedules: boolean;
}

/** Scheduler's context attributes in a target's input. */
const schedulerInput = (input: string, schedule: ScheduleSpec, scheduledTime: number) =>
  input
    .replaceAll('<aws.scheduler.schedule-arn>', schedule.arn)
    .replaceAll('<aws.scheduler.scheduled-time>', new Date(scheduledTime).toISOString().replace(/\.\d{3}Z$/, 'Z'))
    .replaceAll('<aws.scheduler.execution-id>', randomUUID())
    .replaceAll('<aws.scheduler.attempt-number>', '1');

/**
 * The services the runtime answers itself behind the AWS front door: SNS, EventBridge (with its
 * schedules and Scheduler's) and Lambda's Invoke, with Lambda's asynchronous invocations behind them.
 */
export class EventServices {
  readonly asyncInvoker: AsyncInvoker;
  private readonly sns: LocalSns;
  private readonly eventBridge: LocalEventBridge;
  private readonly schedules: ScheduleRunner;
  private readonly delivery: DeliveryContext;

  constructor(private readonly options: EventServicesOptions) {
    this.asyncInvoker = new AsyncInvoker({ invoker: options.invoker, sendToQueue: options.sendToQueue, onError: options.onWarning });
    this.delivery = { iam: options.localAws.iam, asyncInvoker: this.asyncInvoker, sendToQueue: options.sendToQueue, onWarning: options.onWarning };
    this.sns = new LocalSns(this.delivery);
    this.eventBridge = new LocalEventBridge(this.delivery, options);
    this.schedules = new ScheduleRunner((schedule, time) => this.fire(schedule, time), options.onWarning);
    const lambda = new LocalLambdaApi(options.functions, options.invoker, this.asyncInvoker);
    options.localAws.serve('sns', this.sns.handle);
    options.localAws.serve('events', this.eventBridge.handle);
    options.localAws.serve('lambda', lambda.handle);
  }

  update(model: AppModel): void {
    this.asyncInvoker.update(model.events.asyncInvokeConfigs);
    this.sns.update(model.events);
    this.eventBridge.update(model.events);
    this.schedules.update(model.events.schedules);
    if (this.options.runSchedules) this.schedules.start();
  }

  /** Fires every schedule due by `at` as if the time had come (for tests), and returns which fired. */
  runDueSchedules(at: Date): Promise<Fired[]> {
    return this.schedules.runDue(at.getTime());
  }

  upcomingSchedules(): { name: string; fireAt: Date }[] {
    return this.schedules.upcoming();
  }

  stop(): void {
    this.schedules.stop();
    this.asyncInvoker.stop();
  }

  private async fire(schedule: ScheduleSpec, scheduledTime: number) {
    if (schedule.kind === 'rule') {
      this.eventBridge.deliverToRuleTargets(schedule, {
        version: '0',
        id: randomUUID(),
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: this.options.accountId,
        time: new Date(scheduledTime).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: this.options.region,
        resources: [schedule.arn],
        detail: {},
      });
      return;
    }
    for (const target of schedule.targets) {
      if (!target.roleArn) {
        this.options.onWarning(`Schedule ${schedule.name} has no role for its target ${target.arn}: nothing was delivered`);
        continue;
      }
      // Scheduler calls the target as the schedule's role: the role's policies must allow it.
      await deliverToTarget(this.delivery, target, schedulerInput(target.input ?? '{}', schedule, scheduledTime), {
        principalArn: assumedRoleArn(target.roleArn, schedule.name.replace(/[^\w+=,.@-]/g, '-').slice(0, 64)),
        sourceArn: schedule.arn,
        description: `schedule ${schedule.name}`,
      });
    }
  }
}
