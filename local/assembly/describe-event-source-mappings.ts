import type { EventSourceMappingSpec, QueueSpec, StreamSpec, TableSpec } from './app-model';
import { type TemplateResolver, UnresolvableError } from './intrinsics';
import { describeOrWarn, type FoundResource, isTrue, optionalNumber, resourcesOfType, stringList } from './template-resources';

const startingPositions = ['TRIM_HORIZON', 'LATEST', 'AT_TIMESTAMP'] as const;

/** The sources a mapping may read: the app's queues, Kinesis streams and table streams (by stream ARN). */
export interface EventSources {
  readonly queues: QueueSpec[];
  readonly streams: StreamSpec[];
  readonly tableStreams: ReadonlyMap<string, TableSpec>;
}

const sourceOf = (sourceArn: string, sources: EventSources): EventSourceMappingSpec['source'] => {
  const queue = sources.queues.find((candidate) => candidate.arn === sourceArn);
  if (queue) return { kind: 'sqs', queue };
  const stream = sources.streams.find((candidate) => candidate.arn === sourceArn);
  if (stream) return { kind: 'kinesis', stream };
  const table = sources.tableStreams.get(sourceArn);
  if (table) return { kind: 'dynamodb', table, streamArn: sourceArn };
  throw new UnresolvableError(`its event source ${sourceArn} is not an SQS queue, Kinesis stream or table stream of this app`);
};

const describeMapping = (mapping: FoundResource, sources: EventSources, warnings: string[]): EventSourceMappingSpec => {
  const source = sourceOf(String(mapping.property('EventSourceArn')), sources);
  const parallelization = optionalNumber(mapping.property('ParallelizationFactor')) ?? 1;
  if (parallelization > 1) {
    warnings.push(`${mapping.displayName}: one batch per shard at a time locally (ParallelizationFactor ${parallelization} is not emulated; order per key is the same)`);
  }
  const { queues } = sources;
  if (mapping.property('FilterCriteria') !== undefined) throw new UnresolvableError('event filtering (FilterCriteria) is not emulated');
  if (mapping.property('TumblingWindowInSeconds') !== undefined) throw new UnresolvableError('tumbling windows are not emulated');

  const destination = (mapping.property('DestinationConfig') as { OnFailure?: { Destination?: string } } | undefined)?.OnFailure?.Destination;
  const onFailure = destination === undefined ? undefined : queues.find((candidate) => candidate.arn === destination);
  if (destination !== undefined && !onFailure) throw new UnresolvableError(`its on-failure destination ${destination} is not an SQS queue of this app`);

  const startingPosition = String(mapping.property('StartingPosition') ?? 'LATEST');
  if (source.kind !== 'sqs' && !startingPositions.includes(startingPosition as never)) {
    throw new UnresolvableError(`starting position ${startingPosition} is unknown`);
  }
  const timestamp = optionalNumber(mapping.property('StartingPositionTimestamp'));
  return {
    key: mapping.key,
    functionArn: String(mapping.property('FunctionName')),
    source,
    enabled: mapping.property('Enabled') === undefined || isTrue(mapping.property('Enabled')),
    batchSize: optionalNumber(mapping.property('BatchSize')) ?? (source.kind === 'sqs' ? 10 : 100),
    maximumBatchingWindowSeconds: optionalNumber(mapping.property('MaximumBatchingWindowInSeconds')) ?? 0,
    reportBatchItemFailures: stringList(mapping.property('FunctionResponseTypes')).includes('ReportBatchItemFailures'),
    maximumConcurrency: optionalNumber((mapping.property('ScalingConfig') as { MaximumConcurrency?: unknown } | undefined)?.MaximumConcurrency),
    startingPosition: startingPosition as EventSourceMappingSpec['startingPosition'],
    startingPositionTimestamp: timestamp,
    bisectBatchOnFunctionError: isTrue(mapping.property('BisectBatchOnFunctionError')),
    maximumRetryAttempts: optionalNumber(mapping.property('MaximumRetryAttempts')) ?? -1,
    maximumRecordAgeSeconds: optionalNumber(mapping.property('MaximumRecordAgeInSeconds')) ?? -1,
    onFailure,
  };
};

export const describeEventSourceMappings = (resolver: TemplateResolver, sources: EventSources, warnings: string[]): EventSourceMappingSpec[] =>
  resourcesOfType(resolver, 'AWS::Lambda::EventSourceMapping')
    .map((mapping) => describeOrWarn(warnings, `${mapping.displayName} does not run locally`, () => describeMapping(mapping, sources, warnings)))
    .filter((spec): spec is EventSourceMappingSpec => spec !== undefined);
