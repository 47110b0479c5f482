import { randomUUID } from 'node:crypto';
import {
  BatchGetItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { PutRecordCommand, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { CreateQueueCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { kinesisClient } from '../../local/emulators/kinesis';
import { type ServiceEndpoints, localCredentials } from '../../local/lambda/environment-variables';
import { createStream } from '../../local/provision/streams';
import type { OrderCost } from './order-cost';

export interface CeilingFigures {
  readonly orders: number;
  readonly concurrency: number;
  readonly ordersPerSecond: number;
  /** The operations replayed per order, by `service Operation` (fractions spread over the orders). */
  readonly replayed: Record<string, number>;
  /** Operations one order needs that the replay leaves out (stream reads, secrets): the ceiling is higher by their cost. */
  readonly notReplayed: string[];
  /** The replaying process's CPU use while it ran, in percent of one core: near 100, the client limits the ceiling. */
  readonly clientCpuPercent: number;
}

const scratch = `bench-ceiling-${randomUUID().slice(0, 8)}`;
const body = 'x'.repeat(400);

type Replay = (times: number, itemsPerRequest: number) => Promise<void>;

/**
 * The emulators' own ceiling for what one order needs: the operations the counting run saw per order
 * (transactional writes, reads, SQS sends, receives and deletes, Kinesis puts), sent straight to the
 * emulators at the saga's concurrency, without functions, pollers or gateway, on scratch resources.
 */
export const measureEmulatorCeiling = async (
  endpoints: ServiceEndpoints,
  region: string,
  cost: OrderCost,
  settings: { orders: number; concurrency: number },
): Promise<CeilingFigures> => {
  const access = { region, credentials: localCredentials };
  const dynamodb = new DynamoDBClient({ ...access, endpoint: endpoints.dynamodb });
  const sqs = new SQSClient({ ...access, endpoint: endpoints.sqs });
  const kinesis = kinesisClient(endpoints.kinesis, region);
  try {
    await dynamodb.send(
      new CreateTableCommand({
        TableName: scratch,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
      }),
    );
    const { QueueUrl: queueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: scratch }));
    await createStream(kinesis, { key: scratch, name: scratch, arn: '', shardCount: 1 });

    const keys: string[] = [];
    const receipts: string[] = [];
    const key = () => keys[Math.floor(Math.random() * keys.length)] ?? 'none';
    const item = (pk: string, sk = 'ITEM') => ({ pk: { S: pk }, sk: { S: sk }, body: { S: body } });
    const repeat = async (times: number, send: () => Promise<unknown>) => {
      for (let index = 0; index < times; index++) await send();
    };
    const replays: Record<string, Replay> = {
      'dynamodb TransactWriteItems': (times, items) =>
        repeat(times, async () => {
          const pk = randomUUID();
          const puts = Array.from({ length: Math.max(1, Math.round(items)) }, (_, index) => ({
            Put: { TableName: scratch, Item: item(pk, `ITEM#${index}`), ConditionExpression: 'attribute_not_exists(pk)' },
          }));
          await dynamodb.send(new TransactWriteItemsCommand({ TransactItems: puts }));
          keys.push(pk);
        }),
      'dynamodb PutItem': (times) => repeat(times, () => dynamodb.send(new PutItemCommand({ TableName: scratch, Item: item(randomUUID()) }))),
      'dynamodb UpdateItem': (times) =>
        repeat(times, () =>
          dynamodb.send(
            new UpdateItemCommand({ TableName: scratch, Key: { pk: { S: key() }, sk: { S: 'ITEM#0' } }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': { N: '1' } } }),
          ),
        ),
      'dynamodb GetItem': (times) => repeat(times, () => dynamodb.send(new GetItemCommand({ TableName: scratch, Key: { pk: { S: key() }, sk: { S: 'ITEM#0' } } }))),
      'dynamodb DeleteItem': (times) => repeat(times, () => dynamodb.send(new DeleteItemCommand({ TableName: scratch, Key: { pk: { S: randomUUID() }, sk: { S: 'ITEM' } } }))),
      'dynamodb Query': (times) =>
        repeat(times, () =>
          dynamodb.send(new QueryCommand({ TableName: scratch, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: key() } } })),
        ),
      'dynamodb BatchGetItem': (times, items) =>
        repeat(times, () =>
          dynamodb.send(
            new BatchGetItemCommand({
              RequestItems: { [scratch]: { Keys: Array.from({ length: Math.max(1, Math.round(items)) }, (_, index) => ({ pk: { S: `${key()}-${index}` }, sk: { S: 'ITEM#0' } })) } },
            }),
          ),
        ),
      'sqs SendMessage': (times) => repeat(times, () => sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }))),
      'sqs ReceiveMessage': (times, items) =>
        repeat(times, async () => {
          const maxMessages = Math.min(10, Math.max(1, Math.round(items)));
          const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: maxMessages, WaitTimeSeconds: 0 }));
          receipts.push(...Messages.map((message) => message.ReceiptHandle!));
        }),
      'sqs DeleteMessageBatch': (times, items) =>
        repeat(times, async () => {
          const handles = receipts.splice(0, Math.max(1, Math.round(items)));
          if (handles.length === 0) return;
          await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: handles.map((ReceiptHandle, index) => ({ Id: String(index), ReceiptHandle })) }));
        }),
      'kinesis PutRecord': (times) => repeat(times, () => kinesis.send(new PutRecordCommand({ StreamName: scratch, PartitionKey: randomUUID(), Data: Buffer.from(body) }))),
      'kinesis PutRecords': (times, items) =>
        repeat(times, () =>
          kinesis.send(
            new PutRecordsCommand({
              StreamName: scratch,
              Records: Array.from({ length: Math.max(1, Math.round(items)) }, () => ({ PartitionKey: randomUUID(), Data: Buffer.from(body) })),
            }),
          ),
        ),
    };

    const operations = Object.entries(cost.operations);
    const replayed = Object.fromEntries(operations.filter(([name]) => replays[name]).map(([name, count]) => [name, count.requests]));
    const notReplayed = operations.filter(([name]) => !replays[name]).map(([name]) => name);
    // Order j replays an operation needed f times per order floor((j+1)f) - floor(jf) times: f per order on average.
    const replayOrder = async (index: number) => {
      for (const [name, count] of operations) {
        const replay = replays[name];
        if (!replay) continue;
        const times = Math.floor((index + 1) * count.requests) - Math.floor(index * count.requests);
        await replay(times, count.items / count.requests);
      }
    };
    let next = 0;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: settings.concurrency }, async () => {
        while (next < settings.orders) await replayOrder(next++);
      }),
    );
    const elapsedMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    return {
      orders: settings.orders,
      concurrency: settings.concurrency,
      ordersPerSecond: settings.orders / (elapsedMs / 1000),
      replayed,
      notReplayed,
      clientCpuPercent: ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100,
    };
  } finally {
    dynamodb.destroy();
    sqs.destroy();
    kinesis.destroy();
  }
};
