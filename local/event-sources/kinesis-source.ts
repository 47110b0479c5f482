import {
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type KinesisClient,
  ListShardsCommand,
  ProvisionedThroughputExceededException,
  type _Record,
} from '@aws-sdk/client-kinesis';
import type { KinesisStreamRecord } from 'aws-lambda';
import type { ShardSource } from './shard-source';
import type { StreamRecord } from './stream-batch';

export type KinesisRecord = StreamRecord & { readonly record: _Record };

/** One Kinesis record as a record of the event Lambda's Kinesis poller sends. */
export const kinesisEventRecord = (
  shardId: string,
  { record, arrival }: KinesisRecord,
  context: { streamArn: string; region: string; executionRoleArn: string },
): KinesisStreamRecord => ({
  kinesis: {
    kinesisSchemaVersion: '1.0',
    partitionKey: record.PartitionKey!,
    sequenceNumber: record.SequenceNumber!,
    data: Buffer.from(record.Data ?? new Uint8Array()).toString('base64'),
    approximateArrivalTimestamp: arrival / 1000,
  },
  eventSource: 'aws:kinesis',
  eventVersion: '1.0',
  eventID: `${shardId}:${record.SequenceNumber}`,
  eventName: 'aws:kinesis:record',
  invokeIdentityArn: context.executionRoleArn,
  awsRegion: context.region,
  eventSourceARN: context.streamArn,
});

/** A Kinesis stream, read the way Lambda's Kinesis poller reads it. */
export const kinesisSource = (
  client: KinesisClient,
  stream: { name: string; arn: string },
  context: { region: string; executionRoleArn: string },
): ShardSource<KinesisRecord> => ({
  batchInfoName: 'KinesisBatchInfo',
  // Lambda reads each Kinesis shard once a second (its base rate); more often only adds load on the emulator.
  idlePollMs: 1000,
  listShards: async (signal) => {
    const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: stream.name }), { abortSignal: signal });
    return Shards.map((shard) => ({ shardId: shard.ShardId!, parentShardId: shard.ParentShardId }));
  },
  iterator: async (shardId, position, signal) => {
    const command =
      'afterSequenceNumber' in position
        ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const, StartingSequenceNumber: position.afterSequenceNumber }
        : { ShardIteratorType: position.type, Timestamp: position.timestamp };
    const { ShardIterator } = await client.send(new GetShardIteratorCommand({ StreamName: stream.name, ShardId: shardId, ...command }), {
      abortSignal: signal,
    });
    return ShardIterator;
  },
  read: async (iterator, limit, signal) => {
    const response = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }), { abortSignal: signal });
    return {
      records: (response.Records ?? []).map((record) => ({
        record,
        sequenceNumber: record.SequenceNumber!,
        arrival: record.ApproximateArrivalTimestamp?.getTime() ?? Date.now(),
      })),
      next: response.NextShardIterator,
    };
  },
  eventRecord: (shardId, record) => kinesisEventRecord(shardId, record, { streamArn: stream.arn, ...context }),
  isExpiredIterator: (error) => error instanceof ExpiredIteratorException,
  isStaleEmptyShardIterator: () => false,
  isThrottled: (error) => error instanceof ProvisionedThroughputExceededException,
});
