import { randomUUID } from 'node:crypto';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, GetRecordsCommand as GetStreamRecordsCommand, GetShardIteratorCommand as GetStreamShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { handler as handleStockResult } from '../../../functions/order/handlers/handle-stock-result';
import { handler as placeOrder } from '../../../functions/order/handlers/place-order';
import { handler as publishOutbox } from '../../../functions/order/handlers/publish-outbox';
import { type AwsClients, clientsFor } from '../../../scripts/operator/aws-target';
import { redriveDeadLetters } from '../../../scripts/operator/redrive-dead-letters';
import { replayFailureQueue } from '../../../scripts/operator/replay-stream-failures';
import { findShopQueues, operatorNameOf } from '../../../scripts/operator/shop-queues';
import { invoke, lambdaContext } from '../support/http-event';
import { deliverBodies, takeBodies, takeMessages } from '../support/queues';
import { customer, prepareSagaServices, type SagaServices } from '../support/saga-services';
import { createStream, TableStreamReader } from '../support/streams';

/*
 * `npm run redrive`'s operations, against the emulators of the handler tests, as `--target local`
 * finds them: through the standard AWS_ENDPOINT_URL_* variables.
 */
let clients: AwsClients;
let services: SagaServices;
beforeAll(async () => {
  clients = clientsFor('local');
  services = await prepareSagaServices();
});
afterAll(() => clients.destroy());

/** A stack of its own per test, its queues named as CloudFormation names them: `<stack>-<logical id>-<suffix>`. */
const stackName = () => `RedriveTest${randomUUID().slice(0, 8)}`;
const createQueue = async (name: string, attributes: Record<string, string> = {}) => {
  const { QueueUrl } = await clients.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  const { Attributes } = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: QueueUrl!, arn: Attributes!.QueueArn! };
};
const shopQueues = async (stack: string) => {
  const deadLetters = await createQueue(`${stack}-StockRequestsDeadLetters5E6F7A8B-XyZ98765Ab`);
  const work = await createQueue(`${stack}-StockRequestsQueue1A2B3C4D-AbCd1234Ef`, {
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetters.arn, maxReceiveCount: 5 }),
  });
  const failures = await createQueue(`${stack}-OutboxFailures0A1B2C3D-Qw12Er34Ty`);
  return { work, deadLetters, failures };
};

const shardRecords = async (streamName: string) => {
  const { Shards = [] } = await clients.kinesis.send(new ListShardsCommand({ StreamName: streamName }));
  const { ShardIterator } = await clients.kinesis.send(
    new GetShardIteratorCommand({ StreamName: streamName, ShardId: Shards[0]!.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
  );
  const { Records = [] } = await clients.kinesis.send(new GetRecordsCommand({ ShardIterator }));
  return { shardId: Shards[0]!.ShardId!, records: Records.map((record) => ({ ...record, text: Buffer.from(record.Data!).toString('utf8') })) };
};

const batchInfo = (streamArn: string, shardId: string, start: string, end: string, batchSize: number, at = new Date()) => ({
  shardId,
  startSequenceNumber: start,
  endSequenceNumber: end,
  batchSize,
  streamArn,
  approximateArrivalOfFirstRecord: at.toISOString(),
  approximateArrivalOfLastRecord: at.toISOString(),
});

/** What Lambda sends an on-failure destination for a stream batch that exhausted its retries. */
const failureRecord = (kind: 'KinesisBatchInfo' | 'DDBStreamBatchInfo', info: ReturnType<typeof batchInfo>) => ({
  requestContext: { requestId: randomUUID(), functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:f', condition: 'RetryAttemptsExhausted', approximateInvokeCount: 11 },
  responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
  version: '1.0',
  timestamp: new Date().toISOString(),
  [kind]: info,
});

const send = (url: string, body: unknown) => clients.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify(body) }));

describe('finding the shop’s queues', () => {
  it('names each by its construct, as an operator does', () => {
    expect(operatorNameOf('InventoryService-StockRequestsQueue1A2B3C4D-Xy12Ab34Cd56', 'InventoryService')).toBe('stock-requests');
    expect(operatorNameOf('OrderService-PaymentResultsDeadLetters9F8E7D6C', 'OrderService')).toBe('payment-results');
    expect(operatorNameOf('InventoryService-StockUpdateFailures0A1B2C3D-AbCdEf', 'InventoryService')).toBe('stock-update-failures');
  });

  it('pairs each queue with its dead-letter queue by its redrive policy, and tells the stream failure queues apart', async () => {
    const stack = stackName();
    const { work, deadLetters, failures } = await shopQueues(stack);
    expect(await findShopQueues(clients.sqs, [stack])).toEqual({
      deadLetterPairs: [{ name: 'stock-requests', queue: { name: 'stock-requests', ...work }, deadLetters: { name: 'stock-requests', ...deadLetters } }],
      failureQueues: [{ name: 'outbox-failures', ...failures }],
    });
  });
});

describe('redriving a dead-letter queue', () => {
  it('moves its messages back to the queue that sent them there, with SQS’s message move task', async () => {
    const stack = stackName();
    const { work, deadLetters } = await shopQueues(stack);
    for (const body of ['one', 'two', 'three']) await send(deadLetters.url, body);
    const [pair] = (await findShopQueues(clients.sqs, [stack])).deadLetterPairs;
    const task = await redriveDeadLetters(clients.sqs, pair!, { pollMs: 20 });
    expect(task).toMatchObject({ Status: 'COMPLETED', ApproximateNumberOfMessagesToMove: 3, ApproximateNumberOfMessagesMoved: 3 });
    expect((await takeMessages(work.url, 0)).map((message) => JSON.parse(message.Body!)).sort()).toEqual(['one', 'three', 'two']);
    expect(await takeMessages(deadLetters.url, 0)).toEqual([]);
  });
});

describe('replaying the failed batches of a Kinesis stream consumer', () => {
  it('puts the batch’s records back on their stream, with their partition keys, and deletes the failure record', async () => {
    const streamName = await createStream('inventory-updates', 1);
    for (const n of [1, 2, 3]) await clients.kinesis.send(new PutRecordCommand({ StreamName: streamName, PartitionKey: `SKU-${n}`, Data: Buffer.from(`{"n":${n}}`) }));
    const { shardId, records } = await shardRecords(streamName);
    const failures = await createQueue(`${stackName()}-StockUpdateFailures0A1B2C3D`);
    const streamArn = `arn:aws:kinesis:us-east-1:000000000000:stream/${streamName}`;
    await send(failures.url, failureRecord('KinesisBatchInfo', batchInfo(streamArn, shardId, records[1]!.SequenceNumber!, records[2]!.SequenceNumber!, 2)));

    const replay = await replayFailureQueue(clients, { name: 'stock-update-failures', ...failures });
    expect(replay).toEqual({ batches: [{ stream: 'kinesis', replayed: 2, skipped: 0, lost: 0, how: `put back on ${streamName} by sequence number` }], kept: 0 });
    expect((await shardRecords(streamName)).records.map(({ PartitionKey, text }) => [PartitionKey, text])).toEqual([
      ['SKU-1', '{"n":1}'],
      ['SKU-2', '{"n":2}'],
      ['SKU-3', '{"n":3}'],
      ['SKU-2', '{"n":2}'],
      ['SKU-3', '{"n":3}'],
    ]);
    expect(await takeMessages(failures.url, 0)).toEqual([]);
  });

  it('keeps the failure record, and says the records are lost, when the stream no longer holds them', async () => {
    const streamName = await createStream('inventory-updates', 1);
    await clients.kinesis.send(new PutRecordCommand({ StreamName: streamName, PartitionKey: 'SKU-1', Data: Buffer.from('{}') }));
    const { shardId, records } = await shardRecords(streamName);
    const failures = await createQueue(`${stackName()}-StockUpdateFailures0A1B2C3D`);
    const trimmed = (BigInt(records[0]!.SequenceNumber!) - 1n).toString();
    await send(failures.url, failureRecord('KinesisBatchInfo', batchInfo(`arn:aws:kinesis:us-east-1:000000000000:stream/${streamName}`, shardId, trimmed, trimmed, 1)));

    const replay = await replayFailureQueue(clients, { name: 'stock-update-failures', ...failures });
    expect(replay).toEqual({ batches: [expect.objectContaining({ replayed: 0, lost: 1, how: expect.stringMatching(/past its retention/) })], kept: 1 });
    expect(await takeMessages(failures.url, 0)).toHaveLength(1);
  });
});

describe('replaying the failed batches of the outbox publisher', () => {
  const ordersStream = async () => {
    const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: services.tables.orders }));
    const { StreamDescription } = await clients.dynamodbStreams.send(new DescribeStreamCommand({ StreamArn: Table!.LatestStreamArn }));
    return { streamArn: Table!.LatestStreamArn!, shardId: StreamDescription!.Shards!.at(-1)!.ShardId! };
  };
  /** The stream record that put one of an order's outbox items. */
  const outboxInsertOf = async (orderId: string, type = 'ReserveStock') => {
    const { streamArn, shardId } = await ordersStream();
    let { ShardIterator } = await clients.dynamodbStreams.send(
      new GetStreamShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    for (;;) {
      const { Records = [], NextShardIterator } = await clients.dynamodbStreams.send(new GetStreamRecordsCommand({ ShardIterator }));
      const found = Records.find((record) => record.dynamodb?.Keys?.pk?.S === `ORDER#${orderId}` && record.dynamodb.Keys.sk?.S === `OUTBOX#${type}`);
      if (found) return { streamArn, shardId, sequenceNumber: found.dynamodb!.SequenceNumber! };
      if (Records.length === 0) throw new Error(`No outbox record of order ${orderId} in the stream`);
      ShardIterator = NextShardIterator;
    }
  };

  const placedAndPublished = async (outbox: TableStreamReader) => {
    const response = await invoke(placeOrder, {
      method: 'POST',
      body: { lines: [{ sku: 'TEA', quantity: 1 }], paymentToken: 'tok_visa' },
      headers: { 'x-correlation-id': `redrive-${randomUUID()}` },
      claims: customer('redriver'),
    });
    await publishOutbox(await outbox.nextEvent(), lambdaContext());
    await takeBodies(services.queues.stockRequests);
    return { orderId: response.body.orderId as string, correlationId: response.headers['x-correlation-id']! };
  };

  /** Republishing writes outbox items: the publisher, reading the stream, sends them. */
  const republished = async (outbox: TableStreamReader) => {
    expect(await publishOutbox(await outbox.nextEvent(), lambdaContext())).toEqual({ batchItemFailures: [] });
    return takeBodies(services.queues.stockRequests);
  };

  it('republishes the outbox items of the batch, found through the table stream by sequence number', async () => {
    const outbox = new TableStreamReader(services.tables.orders);
    await outbox.nextEvent();
    const { orderId, correlationId } = await placedAndPublished(outbox);
    const { streamArn, shardId, sequenceNumber } = await outboxInsertOf(orderId);
    const failures = await createQueue(`${stackName()}-OutboxFailures0A1B2C3D`);
    await send(failures.url, failureRecord('DDBStreamBatchInfo', batchInfo(streamArn, shardId, sequenceNumber, sequenceNumber, 1)));

    const replay = await replayFailureQueue(clients, { name: 'outbox-failures', ...failures });
    expect(replay).toEqual({ batches: [expect.objectContaining({ stream: 'table', replayed: 1, lost: 0, how: expect.stringMatching(/by sequence number/) })], kept: 0 });
    expect(await republished(outbox)).toEqual([
      { body: { type: 'ReserveStock', orderId, lines: [{ sku: 'TEA', quantity: 1 }], replyTo: services.queues.stockResults }, correlationId },
    ]);
  });

  it('republishes a payment request not sent yet, and the publisher takes the token out of the copy it sent; one sent before is skipped', async () => {
    const outbox = new TableStreamReader(services.tables.orders);
    await outbox.nextEvent();
    const { orderId } = await placedAndPublished(outbox);
    await deliverBodies(handleStockResult, [{ type: 'StockReserved', orderId, lines: [{ sku: 'TEA', quantity: 1, priceCents: 700 }] }]);
    const { streamArn, shardId, sequenceNumber } = await outboxInsertOf(orderId, 'CapturePayment');
    const failures = await createQueue(`${stackName()}-OutboxFailures0A1B2C3D`);
    const failure = failureRecord('DDBStreamBatchInfo', batchInfo(streamArn, shardId, sequenceNumber, sequenceNumber, 1));
    await send(failures.url, failure);
    expect((await replayFailureQueue(clients, { name: 'outbox-failures', ...failures })).batches).toEqual([expect.objectContaining({ replayed: 1, skipped: 0 })]);

    // The original and its copy both come through the stream now: both are sent, and neither keeps the token.
    expect(await publishOutbox(await outbox.nextEvent(), lambdaContext())).toEqual({ batchItemFailures: [] });
    const sent = (await takeBodies(services.queues.paymentRequests)).filter(({ body }) => body.orderId === orderId);
    expect(sent.map(({ body }) => [body.type, body.paymentToken])).toEqual([
      ['CapturePayment', 'tok_visa'],
      ['CapturePayment', 'tok_visa'],
    ]);
    const { Items = [] } = await clients.dynamodb.send(
      new QueryCommand({ TableName: services.tables.orders, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :outbox)', ExpressionAttributeValues: { ':pk': `ORDER#${orderId}`, ':outbox': 'OUTBOX#CapturePayment' } }),
    );
    expect(Items.map((item) => [item.sk.replace(/#REPUBLISHED#.*/, '#REPUBLISHED#…'), item.message.paymentToken])).toEqual([
      ['OUTBOX#CapturePayment', undefined],
      ['OUTBOX#CapturePayment#REPUBLISHED#…', undefined],
    ]);

    await send(failures.url, failure);
    expect((await replayFailureQueue(clients, { name: 'outbox-failures', ...failures })).batches).toEqual([expect.objectContaining({ replayed: 0, skipped: 1, lost: 0 })]);
  });

  it('finds them in the table by the time they were written when the stream no longer holds the batch', async () => {
    const outbox = new TableStreamReader(services.tables.orders);
    await outbox.nextEvent();
    const { orderId } = await placedAndPublished(outbox);
    const { streamArn } = await ordersStream();
    const failures = await createQueue(`${stackName()}-OutboxFailures0A1B2C3D`);
    await send(failures.url, failureRecord('DDBStreamBatchInfo', batchInfo(streamArn, 'shardId-00000001000000000000-gone0000', '100'.padStart(21, '0'), '200'.padStart(21, '0'), 1)));

    const replay = await replayFailureQueue(clients, { name: 'outbox-failures', ...failures });
    expect(replay.batches).toEqual([expect.objectContaining({ stream: 'table', lost: 0, how: expect.stringMatching(/found in the table by write time/) })]);
    expect((await republished(outbox)).map(({ body }) => body.orderId)).toContain(orderId);
  });
});
