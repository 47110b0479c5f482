import type { EventBusSpec, RuleSpec, ScheduleSpec, TargetSpec } from './app-model';
import type { TemplateResolver } from './intrinsics';
import { UnresolvableError } from './intrinsics';
import { busNameOf } from './local-identities';
import { describeOrWarn, type FoundResource, jsonProperty, optionalNumber, resourcesOfType } from './template-resources';

interface TemplateTarget {
  Id?: string;
  Arn: string;
  RoleArn?: string;
  Input?: string;
  InputPath?: string;
  InputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate: string };
  SqsParameters?: { MessageGroupId?: string };
  RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
  DeadLetterConfig?: { Arn?: string };
}

const targetKind = (arn: string): TargetSpec['kind'] => {
  const service = arn.split(':')[2];
  if (service === 'lambda') return 'lambda';
  if (service === 'sqs') return 'sqs';
  throw new UnresolvableError(`its target ${arn} is not a Lambda function or an SQS queue (the targets delivered locally)`);
};

/** EventBridge's and Scheduler's defaults: 185 retries over up to 24 hours. */
const target = (given: TemplateTarget, index: number): TargetSpec => ({
  id: given.Id ?? `Target${index}`,
  arn: given.Arn,
  kind: targetKind(given.Arn),
  roleArn: given.RoleArn,
  input: given.Input,
  inputPath: given.InputPath,
  inputTransformer: given.InputTransformer && { pathsMap: given.InputTransformer.InputPathsMap ?? {}, template: given.InputTransformer.InputTemplate },
  messageGroupId: given.SqsParameters?.MessageGroupId,
  maximumRetryAttempts: optionalNumber(given.RetryPolicy?.MaximumRetryAttempts) ?? 185,
  maximumEventAgeSeconds: optionalNumber(given.RetryPolicy?.MaximumEventAgeInSeconds) ?? 86_400,
  deadLetterArn: given.DeadLetterConfig?.Arn,
});

const targetsOf = (rule: FoundResource, warnings: string[]) =>
  ((rule.property('Targets') as TemplateTarget[] | undefined) ?? []).flatMap((given, index) => describeOrWarn(warnings, `${rule.displayName} target ${given.Id ?? index}`, () => target(given, index)) ?? []);

const time = (value: unknown) => (value === undefined ? undefined : Date.parse(String(value)));

/**
 * EventBridge: custom buses (the default bus always exists), rules with event patterns, and schedules:
 * rules with `ScheduleExpression` and EventBridge Scheduler's `AWS::Scheduler::Schedule`.
 */
export const describeEventRules = (resolver: TemplateResolver, warnings: string[]) => {
  const buses: EventBusSpec[] = resourcesOfType(resolver, 'AWS::Events::EventBus').flatMap(
    (bus) => describeOrWarn(warnings, bus.displayName, () => ({ key: bus.key, name: bus.ref(), arn: bus.attribute('Arn') })) ?? [],
  );
  const rules: RuleSpec[] = [];
  const schedules: ScheduleSpec[] = [];
  for (const rule of resourcesOfType(resolver, 'AWS::Events::Rule')) {
    describeOrWarn(warnings, rule.displayName, () => {
      const name = rule.ref().split('|').pop()!;
      const enabled = (rule.property('State') ?? 'ENABLED') === 'ENABLED';
      const targets = targetsOf(rule, warnings);
      const expression = rule.property('ScheduleExpression');
      if (expression !== undefined) {
        schedules.push({ key: rule.key, name, arn: rule.attribute('Arn'), kind: 'rule', expression: String(expression), enabled, flexibleWindowMinutes: 0, targets });
      }
      const pattern = rule.property('EventPattern');
      if (pattern !== undefined) {
        rules.push({ key: rule.key, name, arn: rule.attribute('Arn'), busName: busNameOf(rule.property('EventBusName')), eventPattern: jsonProperty(pattern) as Record<string, unknown>, enabled, targets });
      }
    });
  }
  for (const schedule of resourcesOfType(resolver, 'AWS::Scheduler::Schedule')) {
    describeOrWarn(warnings, schedule.displayName, () => {
      const window = schedule.property('FlexibleTimeWindow') as { Mode?: string; MaximumWindowInMinutes?: unknown } | undefined;
      const timezone = schedule.property('ScheduleExpressionTimezone');
      if (timezone !== undefined && timezone !== 'UTC' && timezone !== 'Etc/UTC') warnings.push(`${schedule.displayName}: runs on UTC locally, not in ${String(timezone)}`);
      schedules.push({
        key: schedule.key,
        name: schedule.ref(),
        arn: schedule.attribute('Arn'),
        kind: 'scheduler',
        expression: String(schedule.property('ScheduleExpression')),
        enabled: (schedule.property('State') ?? 'ENABLED') === 'ENABLED',
        flexibleWindowMinutes: window?.Mode === 'FLEXIBLE' ? (optionalNumber(window.MaximumWindowInMinutes) ?? 0) : 0,
        startDate: time(schedule.property('StartDate')),
        endDate: time(schedule.property('EndDate')),
        targets: [target(schedule.property('Target') as TemplateTarget, 0)],
      });
    });
  }
  return { buses, rules, schedules };
};
