import { type CfnResource, Stack, Token } from 'aws-cdk-lib';
import { CfnEventInvokeConfig, CfnEventSourceMapping, CfnFunction, CfnPermission } from 'aws-cdk-lib/aws-lambda';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { NagMessageLevel, NagPack, NagRuleCompliance, type NagRuleResult, NagRules } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** AWS's advice for an SQS event source: a visibility timeout of at least six times the function timeout. */
const visibilityTimeoutFactor = 6;
/**
 * AWS's advice for an SQS event source with a dead-letter queue: at least five receives, because a
 * receive whose invocation Lambda throttled counts as one.
 */
export const minimumReceiveCount = 5;
const defaultFunctionTimeoutSeconds = 3;
const defaultVisibilityTimeoutSeconds = 30;

/** The resource in the same stack whose logical id a Ref or GetAtt names. */
const referenced = <T extends CfnResource>(from: CfnResource, value: unknown, type: new (...args: never[]) => T) => {
  const logicalId = NagRules.resolveResourceFromIntrinsic(from, value);
  const stack = Stack.of(from);
  return stack.node
    .findAll()
    .find((child): child is T => child instanceof type && stack.getLogicalId(child) === logicalId);
};

/** Stream sources (Kinesis, DynamoDB Streams) need a starting position; queue sources cannot have one. */
const isQueueSource = (mapping: CfnEventSourceMapping) => mapping.startingPosition === undefined;

const seconds = (node: CfnResource, value: unknown, fallback: number): number =>
  value === undefined || Token.isUnresolved(value) ? fallback : Number(NagRules.resolveIfPrimitive(node, value));

const functionLogsToOwnGroup = (node: CfnResource): NagRuleResult => {
  if (!(node instanceof CfnFunction)) return NagRuleCompliance.NOT_APPLICABLE;
  const logging = Stack.of(node).resolve(node.loggingConfig) as { logGroup?: unknown } | undefined;
  return logging?.logGroup ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
};

const functionIsTraced = (node: CfnResource): NagRuleResult => {
  if (!(node instanceof CfnFunction)) return NagRuleCompliance.NOT_APPLICABLE;
  const tracing = Stack.of(node).resolve(node.tracingConfig) as { mode?: string } | undefined;
  return tracing?.mode === 'Active' ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
};

const streamSourceHasFailureDestination = (node: CfnResource): NagRuleResult => {
  if (!(node instanceof CfnEventSourceMapping) || isQueueSource(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const destination = Stack.of(node).resolve(node.destinationConfig) as { onFailure?: { destination?: unknown } } | undefined;
  return destination?.onFailure?.destination ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
};

/**
 * Services that invoke a function asynchronously (Lambda queues the event and retries twice, then drops
 * it). Secrets Manager's rotation and API Gateway invoke synchronously: their caller sees the failure.
 */
const asynchronousInvokers = /^(s3|sns|ses|events|logs|codecommit|config|iot|iotevents|lambda\.alarms\.cloudwatch)\.amazonaws\.com$/;

/** The resources of a type in the function's stack that name the function. */
const naming = <T extends CfnResource & { functionName: unknown }>(fn: CfnFunction, type: new (...args: never[]) => T): T[] => {
  const stack = Stack.of(fn);
  return stack.node
    .findAll()
    .filter((child): child is T => child instanceof type && NagRules.resolveResourceFromIntrinsic(child, child.functionName) === stack.getLogicalId(fn));
};

/** EventBridge Scheduler invokes a Lambda target asynchronously, through its own role: no permission names the function. */
const scheduledBy = (fn: CfnFunction): boolean => {
  const stack = Stack.of(fn);
  return stack.node
    .findAll()
    .some(
      (child) =>
        child instanceof CfnSchedule &&
        NagRules.resolveResourceFromIntrinsic(child, (stack.resolve(child.target) as { arn?: unknown }).arn) === stack.getLogicalId(fn),
    );
};

const asyncSourceHasFailureDestination = (node: CfnResource): NagRuleResult => {
  if (!(node instanceof CfnFunction)) return NagRuleCompliance.NOT_APPLICABLE;
  const invokedAsynchronously =
    naming(node, CfnPermission).some((permission) => asynchronousInvokers.test(String(NagRules.resolveIfPrimitive(permission, permission.principal)))) ||
    scheduledBy(node);
  if (!invokedAsynchronously) return NagRuleCompliance.NOT_APPLICABLE;
  const stack = Stack.of(node);
  const deadLetterQueue = (stack.resolve(node.deadLetterConfig) as { targetArn?: unknown } | undefined)?.targetArn;
  const onFailure = naming(node, CfnEventInvokeConfig).some(
    (config) => (stack.resolve(config.destinationConfig) as { onFailure?: { destination?: unknown } } | undefined)?.onFailure?.destination,
  );
  return deadLetterQueue || onFailure ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
};

const queueSourceHasDeadLetterQueue = (node: CfnResource): NagRuleResult => {
  if (!(node instanceof CfnEventSourceMapping) || !isQueueSource(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const queue = referenced(node, node.eventSourceArn, CfnQueue);
  if (!queue) return NagRuleCompliance.NON_COMPLIANT; // a queue from elsewhere cannot be checked: keep it in the stack
  return queue.redrivePolicy ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
};

const queueSurvivesThrottling = (node: CfnResource): NagRuleResult => {
  if (!(node instanceof CfnEventSourceMapping) || !isQueueSource(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const queue = referenced(node, node.eventSourceArn, CfnQueue);
  const redrive = queue && (Stack.of(queue).resolve(queue.redrivePolicy) as { maxReceiveCount?: unknown } | undefined);
  if (!redrive) return NagRuleCompliance.NOT_APPLICABLE; // no dead-letter queue: QueueDeadLetterQueue reports it
  return Number(redrive.maxReceiveCount) >= minimumReceiveCount ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
};

const queueOutlastsItsConsumer = (node: CfnResource): NagRuleResult => {
  if (!(node instanceof CfnEventSourceMapping) || !isQueueSource(node)) return NagRuleCompliance.NOT_APPLICABLE;
  const queue = referenced(node, node.eventSourceArn, CfnQueue);
  const fn = referenced(node, node.functionName, CfnFunction);
  if (!queue || !fn) return NagRuleCompliance.NON_COMPLIANT;
  const visibility = seconds(queue, queue.visibilityTimeout, defaultVisibilityTimeoutSeconds);
  const timeout = seconds(fn, fn.timeout, defaultFunctionTimeoutSeconds);
  return visibility >= visibilityTimeoutFactor * timeout ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
};

/**
 * This project's own rules, run on every synth beside the AWS Solutions pack: nothing ships that
 * cannot be watched, traced, or that could lose a message in silence.
 */
export class ShopChecks extends NagPack {
  readonly name = 'Shop';

  constructor(scope?: IConstruct) {
    super(scope);
    this.packName = 'Shop';
  }

  protected checkResource(node: CfnResource): void {
    const rules = [
      {
        ruleSuffixOverride: 'FunctionLogGroup',
        info: 'The Lambda function does not log to a log group of its own.',
        explanation: 'An explicit log group carries a retention period and lives and dies with the stack; the implicit one keeps logs forever.',
        rule: functionLogsToOwnGroup,
      },
      {
        ruleSuffixOverride: 'FunctionTracing',
        info: 'The Lambda function is not traced with X-Ray.',
        explanation: 'Without active tracing, one order cannot be followed across services.',
        rule: functionIsTraced,
      },
      {
        ruleSuffixOverride: 'StreamFailureDestination',
        info: 'The stream event source mapping has no on-failure destination.',
        explanation: 'When retries are exhausted, Lambda drops the records unless an on-failure destination keeps them.',
        rule: streamSourceHasFailureDestination,
      },
      {
        ruleSuffixOverride: 'AsyncFailureDestination',
        info: 'The Lambda function is invoked asynchronously (SNS, EventBridge, a schedule, S3, ...) but has neither an on-failure destination nor a dead-letter queue.',
        explanation: 'Lambda retries an asynchronous event twice and then drops it, unless an on-failure destination or a DLQ keeps it.',
        rule: asyncSourceHasFailureDestination,
      },
      {
        ruleSuffixOverride: 'QueueDeadLetterQueue',
        info: 'The queue a Lambda function consumes has no dead-letter queue (or is not defined in the same stack).',
        explanation: 'A message that always fails would be retried until it expires, then lost; a redrive policy moves it to a DLQ.',
        rule: queueSourceHasDeadLetterQueue,
      },
      {
        ruleSuffixOverride: 'QueueReceiveCount',
        info: `The queue a Lambda function consumes moves messages to its dead-letter queue after fewer than ${minimumReceiveCount} receives.`,
        explanation: 'A receive whose invocation Lambda throttled counts too: with fewer, a burst or a hot key sends good messages to the DLQ. AWS advises at least five.',
        rule: queueSurvivesThrottling,
      },
      {
        ruleSuffixOverride: 'QueueVisibilityTimeout',
        info: `The queue's visibility timeout is under ${visibilityTimeoutFactor} times its consumer's timeout.`,
        explanation: 'A message still being processed would become visible again and run twice; AWS advises six times the function timeout.',
        rule: queueOutlastsItsConsumer,
      },
    ];
    for (const rule of rules) this.applyRule({ ...rule, level: NagMessageLevel.ERROR, node });
  }
}
