import { CreateStreamCommand, GetRecordsCommand, GetShardIteratorCommand, KinesisClient, ListShardsCommand, waitUntilStreamExists } from '@aws-sdk/client-kinesis';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand as GetStreamRecordsCommand,
  GetShardIteratorCommand as GetStreamShardIteratorCommand,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { DynamoDBStreamEvent, KinesisStreamEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

const kinesis = () => new KinesisClient({ requestHandler: new NodeHttpHandler() });

export const createStream = async (prefix: string, shardCount = 2): Promise<string> => {
  const client = kinesis();
  const name = `${prefix}-${randomUUID()}`;
  try {
    await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: shardCount }));
    // Kinesis creates a stream asynchronously: until it is ACTIVE, writes to it find no stream.
    await waitUntilStreamExists({ client, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.5 }, { StreamName: name });
  } finally {
    client.destroy();
  }
  return name;
};

/**
 * Reads a Kinesis stream from its start as Lambda's poller does, one event per shard with the records
 * of that shard in order. Each call returns what was put since the last call.
 */
export class KinesisReader {
  private readonly iterators = new Map<string, string>();

  constructor(private readonly streamName: string) {}

  async nextEvents(): Promise<KinesisStreamEvent[]> {
    const client = kinesis();
    try {
      const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: this.streamName }));
      const events: KinesisStreamEvent[] = [];
      for (const { ShardId } of Shards) {
        let iterator = this.iterators.get(ShardId!);
        iterator ??= (
          await client.send(new GetShardIteratorCommand({ StreamName: this.streamName, ShardId, ShardIteratorType: 'TRIM_HORIZON' }))
        ).ShardIterator!;
        const { Records = [], NextShardIterator } = await client.send(new GetRecordsCommand({ ShardIterator: iterator }));
        this.iterators.set(ShardId!, NextShardIterator!);
        if (Records.length === 0) continue;
        events.push({
          Records: Records.map((record) => ({
            kinesis: {
              kinesisSchemaVersion: '1.0',
              partitionKey: record.PartitionKey!,
              sequenceNumber: record.SequenceNumber!,
              data: Buffer.from(record.Data!).toString('base64'),
              approximateArrivalTimestamp: (record.ApproximateArrivalTimestamp?.getTime() ?? 0) / 1000,
            },
            eventSource: 'aws:kinesis',
            eventVersion: '1.0',
            eventID: `${ShardId}:${record.SequenceNumber}`,
            eventName: 'aws:kinesis:record',
            invokeIdentityArn: 'arn:aws:iam::000000000000:role/test',
            awsRegion: 'us-east-1',
            eventSourceARN: `arn:aws:kinesis:us-east-1:000000000000:stream/${this.streamName}`,
          })),
        });
      }
      return events;
    } finally {
      client.destroy();
    }
  }
}

/**
 * Reads a table's DynamoDB stream from its start as Lambda's poller does. Each call returns the
 * records written since the last call, as one event.
 */
export class TableStreamReader {
  private iterators?: Map<string, string>;
  private streamArn?: string;
  /** Shards read nothing from yet: their iterators may have gone stale (see `records`). */
  private readonly empty = new Set<string>();

  constructor(private readonly tableName: string) {}

  private trimHorizon(streams: DynamoDBStreamsClient, shardId: string) {
    return streams
      .send(new GetStreamShardIteratorCommand({ StreamArn: this.streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }))
      .then(({ ShardIterator }) => ShardIterator!);
  }

  /**
   * DynamoDB Local numbers stream records across its tables: an iterator taken on an empty shard fails
   * with TrimmedDataAccessException once another table was written (tests run in parallel), as the
   * runtime's poller knows (local/event-sources/dynamodb-stream-source.ts). Read such a shard from its start again.
   */
  private async records(streams: DynamoDBStreamsClient, shardId: string, iterator: string) {
    try {
      return await streams.send(new GetStreamRecordsCommand({ ShardIterator: iterator }));
    } catch (error) {
      if (!(error instanceof TrimmedDataAccessException) || !this.empty.has(shardId)) throw error;
      return streams.send(new GetStreamRecordsCommand({ ShardIterator: await this.trimHorizon(streams, shardId) }));
    }
  }

  async nextEvent(): Promise<DynamoDBStreamEvent> {
    // DynamoDB Local serves its streams on its own endpoint.
    const streams = new DynamoDBStreamsClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB });
    try {
      if (!this.iterators) {
        const dynamodb = new DynamoDBClient({});
        const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: this.tableName }));
        dynamodb.destroy();
        this.streamArn = Table!.LatestStreamArn;
        const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: this.streamArn }));
        this.iterators = new Map();
        for (const { ShardId } of StreamDescription?.Shards ?? []) {
          this.iterators.set(ShardId!, await this.trimHorizon(streams, ShardId!));
          this.empty.add(ShardId!);
        }
      }
      const event: DynamoDBStreamEvent = { Records: [] };
      for (const [shardId, iterator] of this.iterators) {
        const { Records = [], NextShardIterator } = await this.records(streams, shardId, iterator);
        if (NextShardIterator) this.iterators.set(shardId, NextShardIterator);
        if (Records.length > 0) this.empty.delete(shardId);
        for (const record of Records) {
          event.Records.push({
            eventID: record.eventID,
            eventName: record.eventName,
            eventSource: 'aws:dynamodb',
            eventVersion: record.eventVersion,
            awsRegion: 'us-east-1',
            dynamodb: {
              Keys: record.dynamodb?.Keys as never,
              NewImage: record.dynamodb?.NewImage as never,
              SequenceNumber: record.dynamodb?.SequenceNumber,
              SizeBytes: record.dynamodb?.SizeBytes,
              StreamViewType: record.dynamodb?.StreamViewType,
            },
          });
        }
      }
      return event;
    } finally {
      streams.destroy();
    }
  }
}
