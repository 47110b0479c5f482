import type { QueueSpec, RotationSpec, SecretSpec, StreamSpec, TableSpec } from './app-model';
import { type TemplateResolver, UnresolvableError } from './intrinsics';
import { describeOrWarn, type FoundResource, isTrue, optionalNumber, resourcesOfType } from './template-resources';

const withoutUndefined = (value: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined));

/** Capacity is not emulated: every table and index is on demand locally. */
const indexes = (value: unknown) =>
  Array.isArray(value)
    ? value.map((index: Record<string, unknown>) =>
        withoutUndefined({ IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection }),
      )
    : undefined;

const describeTable = (table: FoundResource): TableSpec => {
  const stream = table.property('StreamSpecification') as { StreamViewType?: string } | undefined;
  const ttl = table.property('TimeToLiveSpecification') as { AttributeName?: string; Enabled?: unknown } | undefined;
  const name = table.ref();
  return {
    key: table.key,
    name,
    arn: table.attribute('Arn'),
    create: withoutUndefined({
      TableName: name,
      AttributeDefinitions: table.property('AttributeDefinitions'),
      KeySchema: table.property('KeySchema'),
      GlobalSecondaryIndexes: indexes(table.property('GlobalSecondaryIndexes')),
      LocalSecondaryIndexes: indexes(table.property('LocalSecondaryIndexes')),
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: stream?.StreamViewType ? { StreamEnabled: true, StreamViewType: stream.StreamViewType } : undefined,
    }),
    timeToLiveAttribute: ttl && (ttl.Enabled === undefined || isTrue(ttl.Enabled)) ? ttl.AttributeName : undefined,
  };
};

/** The queue attributes the SQS emulator takes; the others (throughput and encryption settings) change nothing locally. */
const queueAttributes = [
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'FifoQueue',
  'ContentBasedDeduplication',
  'RedrivePolicy',
];

export const describeQueue = (queue: FoundResource): QueueSpec => {
  const attributes: Record<string, string> = {};
  for (const name of queueAttributes) {
    const value = queue.property(name);
    if (value !== undefined) attributes[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return { key: queue.key, name: queue.attribute('QueueName'), arn: queue.attribute('Arn'), url: queue.ref(), attributes };
};

export const describeStream = (stream: FoundResource): StreamSpec => {
  const mode = (stream.property('StreamModeDetails') as { StreamMode?: string } | undefined)?.StreamMode;
  return {
    key: stream.key,
    name: stream.ref(),
    arn: stream.attribute('Arn'),
    // An on-demand stream starts with four shards.
    shardCount: mode === 'ON_DEMAND' ? 4 : (optionalNumber(stream.property('ShardCount')) ?? 1),
    retentionHours: optionalNumber(stream.property('RetentionPeriodHours')),
  };
};

const describeSecret = (secret: FoundResource): SecretSpec => ({
  key: secret.key,
  name: String(secret.property('Name') ?? `${secret.stack.name}-${secret.logicalId}`),
  description: secret.property('Description') as string | undefined,
  secretString: secret.property('SecretString') as string | undefined,
  generate: secret.property('GenerateSecretString') as Record<string, unknown> | undefined,
});

const describeRotation = (rotation: FoundResource): RotationSpec => {
  if (rotation.property('HostedRotationLambda') !== undefined) {
    throw new UnresolvableError('hosted rotation functions (from the Serverless Application Repository) are not available locally');
  }
  return {
    key: rotation.key,
    secretArn: String(rotation.property('SecretId')),
    rotationLambdaArn: String(rotation.property('RotationLambdaARN')),
    rotationRules: rotation.property('RotationRules'),
  };
};

const describeEach = <T>(resolver: TemplateResolver, warnings: string[], type: string | string[], describe: (found: FoundResource) => T) =>
  resourcesOfType(resolver, ...[type].flat())
    .map((found) => describeOrWarn(warnings, found.displayName, () => describe(found)))
    .filter((spec): spec is T => spec !== undefined);

export const describeDataResources = (resolver: TemplateResolver, warnings: string[]) => ({
  tables: describeEach(resolver, warnings, ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'], describeTable),
  queues: describeEach(resolver, warnings, 'AWS::SQS::Queue', describeQueue),
  streams: describeEach(resolver, warnings, 'AWS::Kinesis::Stream', describeStream),
  secrets: describeEach(resolver, warnings, 'AWS::SecretsManager::Secret', describeSecret),
});

/** Rotation schedules name their secret by ARN, known only once the secret exists. */
export const describeRotations = (resolver: TemplateResolver, warnings: string[]) =>
  describeEach(resolver, warnings, 'AWS::SecretsManager::RotationSchedule', describeRotation);
