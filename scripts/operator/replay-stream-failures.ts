import { GetRecordsCommand as GetStreamRecordsCommand, GetShardIteratorCommand as GetStreamShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { GetRecordsCommand, GetShardIteratorCommand, PutRecordsCommand, type _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { outboxRetentionSeconds, outboxSortKeyPrefix, republishedOutboxSortKey } from '../../functions/order/table-layout';
import type { AwsClients } from './aws-target';
import type { ShopQueue } from './shop-queues';

/*
 * What Lambda sends a stream consumer's on-failure destination when a batch exhausted its retries: not
 * the records, but where they are (the shard and the first and last sequence numbers). Replaying puts
 * the records through their consumer again, the way they came: stock updates back on their Kinesis
 * stream, outbox messages back through the outbox. Both consumers are idempotent, so a record that got
 * through before is harmless.
 */
const batchInfo = z.object({
  shardId: z.string(),
  startSequenceNumber: z.string(),
  endSequenceNumber: z.string(),
  batchSize: z.number(),
  streamArn: z.string(),
  approximateArrivalOfFirstRecord: z.string(),
  approximateArrivalOfLastRecord: z.string(),
});
type BatchInfo = z.infer<typeof batchInfo>;

const failureRecord = z.union([z.object({ KinesisBatchInfo: batchInfo }), z.object({ DDBStreamBatchInfo: batchInfo })]);

/** What became of one failed batch. */
export interface BatchReplay {
  readonly stream: 'kinesis' | 'table';
  readonly replayed: number;
  /** Records that went through before (a CapturePayment's outbox item keeps no payment token once sent): nothing to replay. */
  readonly skipped: number;
  /** Records that could not be found any more (past the stream's retention, or the outbox item's): someone must resend them. */
  readonly lost: number;
  readonly how: string;
}

export interface FailureQueueReplay {
  readonly batches: BatchReplay[];
  /** Failure records left on the queue: unreadable, or with records lost. */
  readonly kept: number;
}

const inBatch = (sequenceNumber: string, batch: BatchInfo) =>
  BigInt(sequenceNumber) >= BigInt(batch.startSequenceNumber) && BigInt(sequenceNumber) <= BigInt(batch.endSequenceNumber);
const pastBatch = (sequenceNumber: string, batch: BatchInfo) => BigInt(sequenceNumber) > BigInt(batch.endSequenceNumber);

/** The stream's name in a Kinesis stream's ARN (`…:stream/<name>`), the table's in a table stream's (`…:table/<name>/stream/<label>`). */
const nameInArn = (arn: string) => arn.slice(arn.indexOf('/') + 1).split('/')[0]!;

const isGone = (error: unknown) =>
  ['TrimmedDataAccessException', 'ResourceNotFoundException', 'ExpiredIteratorException', 'InvalidArgumentException'].includes((error as Error).name);

/** Runs a read of the stream, answering undefined when the stream no longer holds what it reads. */
const whileHeld = async <T>(read: () => Promise<T | undefined>): Promise<T | undefined> => {
  try {
    return await read();
  } catch (error) {
    if (isGone(error)) return undefined;
    throw error;
  }
};

/**
 * Reads a batch again from its shard (a Kinesis stream's or a table stream's), from an iterator at its
 * first sequence number, page by page until a page goes past the batch or comes back empty. Answers the
 * batch's records, or undefined when the shard no longer starts at the batch's first record (trimmed).
 */
const readBatch = async <R>(
  batch: BatchInfo,
  ShardIterator: string | undefined,
  getRecords: (ShardIterator: string) => Promise<{ Records?: R[]; NextShardIterator?: string }>,
  sequenceNumberOf: (record: R) => string,
): Promise<R[] | undefined> => {
  const records: R[] = [];
  let first: string | undefined;
  while (ShardIterator) {
    const read = await getRecords(ShardIterator);
    const page = read.Records ?? [];
    first ??= page[0] && sequenceNumberOf(page[0]);
    records.push(...page.filter((record) => inBatch(sequenceNumberOf(record), batch)));
    const done = page.some((record) => pastBatch(sequenceNumberOf(record), batch)) || page.length === 0;
    ShardIterator = done ? undefined : read.NextShardIterator;
  }
  return first === batch.startSequenceNumber ? records : undefined;
};

/** The batch's records, read again from their shard while the stream still holds them. */
const kinesisRecordsOf = async ({ kinesis }: AwsClients, batch: BatchInfo): Promise<KinesisRecord[] | undefined> => {
  const StreamName = nameInArn(batch.streamArn);
  const { ShardIterator } = await kinesis.send(
    new GetShardIteratorCommand({ StreamName, ShardId: batch.shardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: batch.startSequenceNumber }),
  );
  const read = (iterator: string) => kinesis.send(new GetRecordsCommand({ ShardIterator: iterator }));
  return readBatch(batch, ShardIterator, read, (record) => record.SequenceNumber!);
};

/** Stock updates: put back on their stream, with their partition key, so the consumer applies them (once: by `updateId`). */
const replayKinesisBatch = async (clients: AwsClients, batch: BatchInfo): Promise<BatchReplay> => {
  const records = await whileHeld(() => kinesisRecordsOf(clients, batch));
  if (!records) {
    return { stream: 'kinesis', replayed: 0, skipped: 0, lost: batch.batchSize, how: 'no longer in the stream (past its retention): the producer must send them again' };
  }
  const StreamName = nameInArn(batch.streamArn);
  for (let start = 0; start < records.length; start += 500) {
    const { FailedRecordCount } = await clients.kinesis.send(
      new PutRecordsCommand({
        StreamName,
        Records: records.slice(start, start + 500).map((record) => ({ PartitionKey: record.PartitionKey!, Data: record.Data! })),
      }),
    );
    if (FailedRecordCount) throw new Error(`${FailedRecordCount} records were refused by ${StreamName}; run the replay again`);
  }
  return { stream: 'kinesis', replayed: records.length, skipped: 0, lost: batch.batchSize - records.length, how: `put back on ${StreamName} by sequence number` };
};

interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

/** The outbox items the batch's stream records wrote, read from the table's stream while it still holds them. */
const outboxKeysFromStream = async ({ dynamodbStreams }: AwsClients, batch: BatchInfo): Promise<ItemKey[] | undefined> => {
  const { ShardIterator } = await dynamodbStreams.send(
    new GetStreamShardIteratorCommand({
      StreamArn: batch.streamArn,
      ShardId: batch.shardId,
      ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      SequenceNumber: batch.startSequenceNumber,
    }),
  );
  const read = (iterator: string) => dynamodbStreams.send(new GetStreamRecordsCommand({ ShardIterator: iterator }));
  const records = await readBatch(batch, ShardIterator, read, (record) => record.dynamodb!.SequenceNumber!);
  if (!records) return undefined;
  const keys: ItemKey[] = [];
  for (const record of records) {
    const sortKey = record.dynamodb?.Keys?.sk?.S;
    if (record.eventName === 'INSERT' && sortKey?.startsWith(outboxSortKeyPrefix)) keys.push({ pk: record.dynamodb!.Keys!.pk!.S!, sk: sortKey });
  }
  return keys;
};

/**
 * The outbox items written while the batch arrived, found in the table (a scan, filtered on their
 * expiry time, which is their write time plus the outbox's retention), for when the stream no longer
 * holds the batch. It may find a few items of other batches around it: publishing them again is harmless.
 */
const outboxKeysFromTable = async ({ dynamodb }: AwsClients, tableName: string, batch: BatchInfo): Promise<ItemKey[]> => {
  const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000) + outboxRetentionSeconds;
  const keys: ItemKey[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamodb.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'begins_with(sk, :outbox) AND expiresAt BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':outbox': outboxSortKeyPrefix,
          ':from': seconds(batch.approximateArrivalOfFirstRecord) - 60,
          ':to': seconds(batch.approximateArrivalOfLastRecord) + 1,
        },
        ProjectionExpression: 'pk, sk',
        ExclusiveStartKey,
      }),
    );
    keys.push(...((page.Items ?? []) as ItemKey[]).filter((key) => !key.sk.includes('#REPUBLISHED#')));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return keys;
};

/** The publisher takes the payment token out of a CapturePayment's outbox item once it sent it. */
const sentBefore = (item: Record<string, unknown>) => {
  const message = item.message as { type?: unknown; paymentToken?: unknown } | undefined;
  return message?.type === 'CapturePayment' && message.paymentToken === undefined;
};

/**
 * Outbox messages: each outbox item of the batch is written again as a copy of itself (a new outbox
 * item under the same order), which the table's stream hands to the publisher, which sends it as it
 * sends every message: to its queue, with its return address and correlation id. A payment request
 * that was sent before (its item has no payment token left) is skipped: it cannot be sent again, and
 * need not be.
 */
const republishOutboxBatch = async (clients: AwsClients, batch: BatchInfo): Promise<BatchReplay> => {
  const tableName = nameInArn(batch.streamArn);
  const inStream = await whileHeld(() => outboxKeysFromStream(clients, batch));
  const keys = inStream ?? (await outboxKeysFromTable(clients, tableName, batch));
  const how = inStream
    ? 'republished from the outbox (found through the table stream by sequence number)'
    : 'republished from the outbox (the stream no longer holds the batch: found in the table by write time)';
  let [replayed, skipped] = [0, 0];
  for (const key of keys) {
    const { Item } = await clients.dynamodb.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    if (!Item) continue;
    if (sentBefore(Item)) {
      skipped++;
      continue;
    }
    await clients.dynamodb.send(new PutCommand({ TableName: tableName, Item: { ...Item, sk: republishedOutboxSortKey(key.sk, new Date()) } }));
    replayed++;
  }
  return { stream: 'table', replayed, skipped, lost: keys.length - replayed - skipped, how };
};

/** Replays one failure record; undefined for one that is not a stream batch's. */
export const replayFailedBatch = (clients: AwsClients, record: unknown): Promise<BatchReplay> | undefined => {
  const parsed = failureRecord.safeParse(record);
  if (!parsed.success) return undefined;
  return 'KinesisBatchInfo' in parsed.data ? replayKinesisBatch(clients, parsed.data.KinesisBatchInfo) : republishOutboxBatch(clients, parsed.data.DDBStreamBatchInfo);
};

const parsedBody = (body: string | undefined): unknown => {
  try {
    return JSON.parse(body ?? '');
  } catch {
    return undefined;
  }
};

/**
 * Replays every failed batch on a stream consumer's on-failure queue, and deletes each failure record
 * once its records are through; a record that cannot be replayed whole (unreadable, or records lost)
 * stays on the queue for a person.
 */
export const replayFailureQueue = async (clients: AwsClients, queue: ShopQueue): Promise<FailureQueueReplay> => {
  const batches: BatchReplay[] = [];
  const kept: string[] = [];
  for (;;) {
    const { Messages = [] } = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, VisibilityTimeout: 120, WaitTimeSeconds: 0 }));
    if (Messages.length === 0) break;
    for (const message of Messages) {
      const replay = await replayFailedBatch(clients, parsedBody(message.Body));
      if (replay) batches.push(replay);
      if (replay && replay.lost === 0) await clients.sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: message.ReceiptHandle! }));
      else kept.push(message.ReceiptHandle!);
    }
  }
  // What stays is visible again at once, for a person (or the next run) to look at.
  await Promise.all(kept.map((handle) => clients.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queue.url, ReceiptHandle: handle, VisibilityTimeout: 0 }))));
  return { batches, kept: kept.length };
};
