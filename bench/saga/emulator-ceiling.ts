import { randomUUID } from 'node:crypto';
import type { ServiceEndpoints } from '../../local/lambda/environment-variables';
import type { OrderCost } from './order-cost';
import { protocols, RawJsonClient } from './raw-json-client';

export interface CeilingFigures {
  readonly orders: number;
  readonly concurrency: number;
  readonly ordersPerSecond: number;
  /** The operations replayed per order, by `service Operation` (fractions spread over the orders). */
  readonly replayed: Record<string, number>;
  /** Operations one order needs that the replay leaves out (stream reads, shard bookkeeping): the real ceiling is lower by their cost. */
  readonly notReplayed: string[];
  /** The replaying process's CPU use while it ran, in percent of one core. */
  readonly clientCpuPercent: number;
}

type Replay = (itemsPerRequest: number) => Promise<unknown>;

const body = 'x'.repeat(400);
const count = (items: number) => Math.max(1, Math.round(items));

/**
 * The emulators' own ceiling for what one order needs: the operations the counting run saw per order
 * (transactional writes, reads, SQS sends, receives and deletes, Kinesis puts) sent straight to the
 * emulators, order after order, at the saga's concurrency, on scratch resources; no functions, pollers,
 * gateway or SDK (see RawJsonClient), so that the client's own work stays small.
 */
export const measureEmulatorCeiling = async (
  endpoints: ServiceEndpoints,
  region: string,
  cost: OrderCost,
  settings: { orders: number; concurrency: number },
): Promise<CeilingFigures> => {
  const dynamodb = new RawJsonClient(endpoints.dynamodb, protocols.dynamodb, region);
  const sqs = new RawJsonClient(endpoints.sqs, protocols.sqs, region);
  const kinesis = new RawJsonClient(endpoints.kinesis, protocols.kinesis, region);
  const scratch = `bench-ceiling-${randomUUID().slice(0, 8)}`;
  try {
    await dynamodb.call('CreateTable', {
      TableName: scratch,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
    });
    const { QueueUrl } = await sqs.call<{ QueueUrl: string }>('CreateQueue', { QueueName: scratch });
    await kinesis.call('CreateStream', { StreamName: scratch, ShardCount: 1 });

    const written: string[] = [];
    const receipts: string[] = [];
    const someKey = () => ({ pk: { S: written[Math.floor(Math.random() * written.length)] ?? 'none' }, sk: { S: 'ITEM#0' } });
    const item = (pk: string, sk: string) => ({ pk: { S: pk }, sk: { S: sk }, body: { S: body } });
    const replays: Record<string, Replay> = {
      'dynamodb TransactWriteItems': async (items) => {
        const pk = randomUUID();
        const puts = Array.from({ length: count(items) }, (_, index) => ({
          Put: { TableName: scratch, Item: item(pk, `ITEM#${index}`), ConditionExpression: 'attribute_not_exists(pk)' },
        }));
        await dynamodb.call('TransactWriteItems', { TransactItems: puts });
        written.push(pk);
      },
      'dynamodb PutItem': () => dynamodb.call('PutItem', { TableName: scratch, Item: item(randomUUID(), 'ITEM#0') }),
      'dynamodb UpdateItem': () =>
        dynamodb.call('UpdateItem', { TableName: scratch, Key: someKey(), UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': { N: '1' } } }),
      'dynamodb GetItem': () => dynamodb.call('GetItem', { TableName: scratch, Key: someKey() }),
      'dynamodb DeleteItem': () => dynamodb.call('DeleteItem', { TableName: scratch, Key: { pk: { S: randomUUID() }, sk: { S: 'ITEM#0' } } }),
      'dynamodb Query': () =>
        dynamodb.call('Query', { TableName: scratch, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': someKey().pk } }),
      'dynamodb BatchGetItem': (items) =>
        dynamodb.call('BatchGetItem', { RequestItems: { [scratch]: { Keys: Array.from({ length: count(items) }, someKey) } } }),
      'sqs SendMessage': () => sqs.call('SendMessage', { QueueUrl, MessageBody: body }),
      'sqs ReceiveMessage': async (items) => {
        const { Messages = [] } = await sqs.call<{ Messages?: { ReceiptHandle: string }[] }>('ReceiveMessage', {
          QueueUrl,
          MaxNumberOfMessages: Math.min(10, count(items)),
          WaitTimeSeconds: 0,
        });
        receipts.push(...Messages.map((message) => message.ReceiptHandle));
      },
      'sqs DeleteMessageBatch': async (items) => {
        const handles = receipts.splice(0, count(items));
        if (handles.length > 0) await sqs.call('DeleteMessageBatch', { QueueUrl, Entries: handles.map((ReceiptHandle, index) => ({ Id: String(index), ReceiptHandle })) });
      },
      'kinesis PutRecord': () => kinesis.call('PutRecord', { StreamName: scratch, PartitionKey: randomUUID(), Data: Buffer.from(body).toString('base64') }),
      'kinesis PutRecords': (items) =>
        kinesis.call('PutRecords', {
          StreamName: scratch,
          Records: Array.from({ length: count(items) }, () => ({ PartitionKey: randomUUID(), Data: Buffer.from(body).toString('base64') })),
        }),
    };

    const operations = Object.entries(cost.operations);
    const replayed = operations.filter(([name]) => replays[name]);
    // Order j replays an operation needed f times per order floor((j+1)f) - floor(jf) times: f per order on average.
    const replayOrder = async (index: number) => {
      for (const [name, { requests, items }] of replayed) {
        const times = Math.floor((index + 1) * requests) - Math.floor(index * requests);
        for (let time = 0; time < times; time++) await replays[name]!(items / requests);
      }
    };
    const replayOrders = async (orders: number) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: settings.concurrency }, async () => {
          while (next < orders) await replayOrder(next++);
        }),
      );
    };
    // DynamoDB Local's JVM compiles what it runs often: the same operations first, unmeasured.
    await replayOrders(Math.ceil(settings.orders / 5));
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await replayOrders(settings.orders);
    const elapsedMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    return {
      orders: settings.orders,
      concurrency: settings.concurrency,
      ordersPerSecond: settings.orders / (elapsedMs / 1000),
      replayed: Object.fromEntries(replayed.map(([name, { requests }]) => [name, requests])),
      notReplayed: operations.filter(([name]) => !replays[name]).map(([name]) => name),
      clientCpuPercent: ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100,
    };
  } finally {
    for (const client of [dynamodb, sqs, kinesis]) client.destroy();
  }
};
