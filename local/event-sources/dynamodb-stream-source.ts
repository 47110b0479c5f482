import {
  type AttributeValue,
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  LimitExceededException,
  TrimmedDataAccessException,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import type { ShardSource } from './shard-source';
import type { StreamRecord } from './stream-batch';

export type DynamoDbStreamRecord = StreamRecord & { readonly record: _Record };

/** Binary attribute values travel base64-encoded in Lambda's DynamoDB event, as in DynamoDB's own JSON. */
const eventImage = (image: Record<string, AttributeValue> | undefined) =>
  image &&
  (JSON.parse(JSON.stringify(image, (_, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value))) as Record<
    string,
    never
  >);

/** A DynamoDB table's stream, read the way Lambda's DynamoDB Streams poller reads it. */
export const dynamoDbStreamSource = (client: DynamoDBStreamsClient, streamArn: string, region: string): ShardSource<DynamoDbStreamRecord> => ({
  batchInfoName: 'DDBStreamBatchInfo',
  // Lambda polls each DynamoDB Streams shard four times a second.
  idlePollMs: 250,
  listShards: async (signal) => {
    const shards = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }), {
        abortSignal: signal,
      });
      shards.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return shards.map((shard) => ({ shardId: shard.ShardId!, parentShardId: shard.ParentShardId }));
  },
  iterator: async (shardId, position, signal) => {
    const command =
      'afterSequenceNumber' in position
        ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const, SequenceNumber: position.afterSequenceNumber }
        : { ShardIteratorType: position.type === 'TRIM_HORIZON' ? ('TRIM_HORIZON' as const) : ('LATEST' as const) };
    const { ShardIterator } = await client.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ...command }), {
      abortSignal: signal,
    });
    return ShardIterator;
  },
  read: async (iterator, limit, signal) => {
    const response = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }), { abortSignal: signal });
    return {
      records: (response.Records ?? []).map((record) => ({
        record,
        sequenceNumber: record.dynamodb!.SequenceNumber!,
        arrival: record.dynamodb?.ApproximateCreationDateTime?.getTime() ?? Date.now(),
      })),
      next: response.NextShardIterator,
    };
  },
  eventRecord: (_shardId, { record, arrival }): DynamoDBRecord => ({
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(arrival / 1000),
      Keys: eventImage(record.dynamodb?.Keys),
      NewImage: eventImage(record.dynamodb?.NewImage),
      OldImage: eventImage(record.dynamodb?.OldImage),
      SequenceNumber: record.dynamodb?.SequenceNumber,
      SizeBytes: record.dynamodb?.SizeBytes,
      StreamViewType: record.dynamodb?.StreamViewType,
    },
    eventSourceARN: streamArn,
    ...(record.userIdentity && { userIdentity: record.userIdentity }),
  }),
  isExpiredIterator: (error) => error instanceof ExpiredIteratorException,
  // DynamoDB Local numbers stream records across all its tables: an iterator taken on an empty shard
  // fails with TrimmedDataAccessException at the shard's first record if any other table was written
  // since. Iterators of shards that had records are not affected.
  isStaleEmptyShardIterator: (error) => error instanceof TrimmedDataAccessException,
  isThrottled: (error) => error instanceof LimitExceededException,
});
