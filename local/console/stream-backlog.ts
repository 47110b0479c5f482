import { GetRecordsCommand as GetStreamRecords, GetShardIteratorCommand as GetStreamIterator, DescribeStreamCommand } from '@aws-sdk/client-dynamodb-streams';
import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand } from '@aws-sdk/client-kinesis';
import type { EventSourceMappingSpec } from '../assembly/app-model';
import { type AwsClients, regionOfArn } from '../provision/aws-clients';

/** How far a stream's consumer is behind: unread records (at most `countLimit`) and the age of the oldest. */
export interface StreamBacklog {
  readonly shards: number;
  readonly recordsBehind: number;
  /** True when there are more unread records than were counted. */
  readonly more: boolean;
  readonly oldestUnreadAgeMs?: number;
}

const countLimit = 1000;

interface ShardReader {
  shards(): Promise<string[]>;
  /** From after `checkpoint`, or the shard's start: the unread records' arrival times (ms), up to `countLimit`. */
  unread(shardId: string, checkpoint: string | undefined): Promise<number[]>;
}

const kinesisReader = (clients: AwsClients, arn: string): ShardReader => {
  const kinesis = clients.for(regionOfArn(arn)).kinesis;
  return {
    shards: async () => ((await kinesis.send(new ListShardsCommand({ StreamARN: arn }))).Shards ?? []).map((shard) => shard.ShardId!),
    unread: async (shardId, checkpoint) => {
      const { ShardIterator } = await kinesis.send(
        new GetShardIteratorCommand({
          StreamARN: arn,
          ShardId: shardId,
          ...(checkpoint ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: checkpoint } : { ShardIteratorType: 'TRIM_HORIZON' }),
        }),
      );
      const { Records = [] } = await kinesis.send(new GetRecordsCommand({ ShardIterator, StreamARN: arn, Limit: countLimit }));
      return Records.map((record) => record.ApproximateArrivalTimestamp?.getTime() ?? Date.now());
    },
  };
};

const tableStreamReader = (clients: AwsClients, arn: string): ShardReader => {
  const streams = clients.for(regionOfArn(arn)).dynamodbStreams;
  return {
    shards: async () => ((await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription?.Shards ?? []).map((shard) => shard.ShardId!),
    unread: async (shardId, checkpoint) => {
      const { ShardIterator } = await streams.send(
        new GetStreamIterator({
          StreamArn: arn,
          ShardId: shardId,
          ...(checkpoint ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: checkpoint } : { ShardIteratorType: 'TRIM_HORIZON' }),
        }),
      );
      const { Records = [] } = await streams.send(new GetStreamRecords({ ShardIterator, Limit: countLimit }));
      return Records.map((record) => record.dynamodb?.ApproximateCreationDateTime?.getTime() ?? Date.now());
    },
  };
};

/**
 * How far an event source mapping's poller is behind on its stream, from the poller's checkpoints
 * (the last record it finished per shard, `<mapping key>/<shard id>`): what a person would read off
 * Lambda's IteratorAge metric and the shard's unread records.
 */
export const streamBacklog = async (
  clients: AwsClients,
  mapping: EventSourceMappingSpec,
  checkpoints: ReadonlyMap<string, string>,
): Promise<StreamBacklog | undefined> => {
  const { source } = mapping;
  if (source.kind === 'sqs') return undefined;
  const reader = source.kind === 'kinesis' ? kinesisReader(clients, source.stream.arn) : tableStreamReader(clients, source.streamArn);
  const shards = await reader.shards();
  const unread = (shardId: string) => {
    const checkpoint = checkpoints.get(`${mapping.key}/${shardId}`);
    // Reading from LATEST, a poller that has finished no batch yet has read nothing of what came before it started, nor will.
    if (!checkpoint && mapping.startingPosition !== 'TRIM_HORIZON') return Promise.resolve([]);
    return reader.unread(shardId, checkpoint);
  };
  const arrivals = (await Promise.all(shards.map(unread))).flat();
  const oldest = arrivals.length > 0 ? Math.min(...arrivals) : undefined;
  return {
    shards: shards.length,
    recordsBehind: arrivals.length,
    more: arrivals.length >= countLimit,
    oldestUnreadAgeMs: oldest === undefined ? undefined : Math.max(0, Date.now() - oldest),
  };
};
