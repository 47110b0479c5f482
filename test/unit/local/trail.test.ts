import type { AppModel, FunctionSpec } from '../../../local/assembly/app-model';
import { assembleTrail } from '../../../local/console/trail';
import type { AccessLogEntry } from '../../../local/gateway/serving';
import { RuntimeObserver } from '../../../local/observe/runtime-observer';
import { trailIdOf } from '../../../local/observe/observed-log';

const fn = (displayName: string) => ({ displayName, name: displayName.replace('/', '-') }) as FunctionSpec;
const [placeOrder, reserveStock, unrelated] = [fn('Orders/PlaceOrder'), fn('Stock/Reserve'), fn('Stock/Other')];
const model = {
  functions: [placeOrder, reserveStock, unrelated],
  tables: [{ name: 'Orders', create: { KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] } }],
} as unknown as AppModel;

const access = (entry: Partial<AccessLogEntry>): AccessLogEntry => ({ requestId: 'r', method: 'GET', path: '/', routeKey: '-', status: 200, durationMs: 5, ...entry });
const ok = { ok: true as const, payload: {} };
const call = (caller: string, service: string, operation: string, input: Record<string, unknown>, answer: unknown) =>
  observer.frontDoorStage(
    { caller: { kind: 'function', functionName: caller, roleArn: '', principalArn: '' }, service, operation, input } as never,
    async () => ({ status: 200, headers: {}, body: Buffer.from(JSON.stringify(answer)) }),
  );

let observer: RuntimeObserver;
beforeEach(() => {
  observer = new RuntimeObserver();
});

describe("an order's trail", () => {
  it("follows an order id to its request's correlation id, and through a message to the invocation it started", async () => {
    observer.request({ name: 'shop' }, access({ requestId: 'gw-1', method: 'POST', path: '/orders', status: 202, location: '/orders/order-123', correlationId: 'cid-1' }));
    observer.invocation(placeOrder, { requestId: 'lambda-1', startedAt: 1, outcome: ok, event: { requestContext: { requestId: 'gw-1' } } });
    await call('Orders-PlaceOrder', 'dynamodb', 'PutItem', { TableName: 'Orders', Item: { pk: { S: 'ORDER#order-123' }, status: { S: 'NEW' } } }, {});
    await call('Orders-PlaceOrder', 'sqs', 'SendMessage', { QueueUrl: 'http://x/000000000000/stock', MessageAttributes: { correlationId: { StringValue: 'cid-1' } } }, { MessageId: 'm-1' });
    await call('Orders-PlaceOrder', 'sqs', 'SendMessage', { QueueUrl: 'http://x/000000000000/stock', MessageAttributes: { correlationId: { StringValue: 'cid-2' } } }, { MessageId: 'm-2' });
    observer.invocation(reserveStock, { requestId: 'lambda-2', startedAt: 2, outcome: ok, event: { Records: [{ eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:r:1:stock', messageId: 'm-1' }] } });
    observer.invocation(unrelated, { requestId: 'lambda-3', startedAt: 3, outcome: ok, event: { Records: [{ eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:r:1:stock', messageId: 'm-2' }] } });

    const trail = assembleTrail(observer, model, 'order-123');

    expect(trail.correlationIds).toEqual(['cid-1']);
    expect(trail.steps.map((step) => `${step.service}: ${step.title}`)).toEqual([
      'shop: POST /orders → 202',
      'Orders: PutItem Orders',
      'Orders: Message sent to stock',
      'Orders: Orders/PlaceOrder invoked',
      'Stock: Stock/Reserve invoked',
    ]);
    expect(trail.messages).toEqual([expect.objectContaining({ message: expect.objectContaining({ messageId: 'm-1' }), deliveries: [expect.objectContaining({ function: 'Stock/Reserve', ok: true })] })]);
    expect(trail.items).toEqual([{ tableName: 'Orders', key: { pk: { S: 'ORDER#order-123' } }, correlationId: undefined }]);
  });

  it('takes an invocation whose log lines carry the correlation id, and shows its failure', () => {
    observer.invocation(reserveStock, { requestId: 'lambda-9', startedAt: 1, outcome: { ok: false, error: { errorType: 'Boom', errorMessage: 'no' } }, event: {} });
    observer.functionLine(reserveStock, JSON.stringify({ level: 'ERROR', message: 'failed', correlation_id: 'cid-7', function_request_id: 'lambda-9' }));
    const [step] = assembleTrail(observer, model, 'cid-7').steps;
    expect(step).toMatchObject({ kind: 'invocation', outcome: 'error', detail: expect.stringContaining('Boom: no') });
  });

  it('is empty for an id nothing carried', () => {
    observer.request({ name: 'shop' }, access({ correlationId: 'cid-1' }));
    expect(assembleTrail(observer, model, 'never-seen').steps).toEqual([]);
  });
});

describe('the trail link the log prints', () => {
  it("names a created resource by its id, or by the request's correlation id when the Location names none", () => {
    expect(trailIdOf(access({ status: 202, location: '/orders/0b7f2c1e-9d7d-4a43-8a4f-1f5a4bb0b1c1', correlationId: 'c' }))).toBe('0b7f2c1e-9d7d-4a43-8a4f-1f5a4bb0b1c1');
    expect(trailIdOf(access({ status: 201, location: '/users/me', correlationId: 'cid-42' }))).toBe('cid-42');
    expect(trailIdOf(access({ status: 200, location: '/orders/0b7f2c1e-9d7d', correlationId: 'c' }))).toBeUndefined();
  });
});
