import { randomBytes, randomUUID } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import type { Context } from 'aws-lambda';
import { httpEvent, lambdaContext } from '../support/http-event';
import { sqsEventOf } from '../support/queues';
import { customer, prepareSagaServices } from '../support/saga-services';

/*
 * The handlers as Lambda runs them with active tracing: the X-Ray SDK sends what it records, over UDP,
 * to a daemon; here a socket of the test's own plays the daemon, and the test reads what arrives.
 */
type Handler = (event: unknown, context: Context) => Promise<unknown>;
interface Segment {
  name: string;
  id: string;
  trace_id: string;
  annotations?: Record<string, unknown>;
  aws?: Record<string, unknown>;
  fault?: boolean;
  error?: boolean;
  cause?: unknown;
}

let daemon: Socket;
const received: { segment: Segment; raw: string }[] = [];
const arrivals: (() => boolean)[] = [];
let placeOrder: Handler;
let handleStockResult: Handler;

const traceHeader = () => {
  const traceId = `1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
  return { traceId, header: `Root=${traceId};Parent=${randomBytes(8).toString('hex')};Sampled=1` };
};

/** Resolves with the first segment the daemon received (or receives) that matches, within a few seconds. */
const segmentWhere = (matches: (segment: Segment) => boolean): Promise<Segment> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('No such segment reached the daemon')), 5000);
    const check = () => {
      const found = received.find(({ segment }) => matches(segment));
      if (!found) return false;
      clearTimeout(timer);
      resolve(found.segment);
      return true;
    };
    if (!check()) arrivals.push(check);
  });

const saved = { ...process.env };
beforeAll(async () => {
  daemon = createSocket('udp4');
  daemon.on('message', (message) => {
    const raw = message.toString('utf8');
    received.push({ raw, segment: JSON.parse(raw.slice(raw.indexOf('\n') + 1)) as Segment });
    for (const check of arrivals.splice(0)) if (!check()) arrivals.push(check);
  });
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
  await prepareSagaServices();
  Object.assign(process.env, {
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    LAMBDA_TASK_ROOT: process.cwd(),
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${(daemon.address() as AddressInfo).port}`,
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
  });
  // Loaded only now: Powertools and the X-Ray SDK look at the environment when they are loaded.
  ({ handler: placeOrder } = (await import('../../../functions/order/handlers/place-order')) as { handler: Handler });
  ({ handler: handleStockResult } = (await import('../../../functions/order/handlers/handle-stock-result')) as { handler: Handler });
});

afterAll(() => {
  process.env = saved;
  daemon.close();
});

const invokeTraced = async (handler: Handler, event: unknown) => {
  const { traceId, header } = traceHeader();
  process.env._X_AMZN_TRACE_ID = header;
  const outcome = await handler(event, lambdaContext()).then(
    () => 'returned',
    () => 'threw',
  );
  return { traceId, outcome };
};

describe('traces (X-Ray, through Powertools Tracer)', () => {
  const paymentToken = `tok_${randomUUID().replace(/-/g, '')}`;
  const accessToken = `eyJhbGciOiJSUzI1NiJ9.${randomUUID()}.signature`;

  it('record each invocation, annotated with its correlation id, and every AWS SDK call in it', async () => {
    const { traceId, outcome } = await invokeTraced(
      placeOrder,
      httpEvent({
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'x-correlation-id': 'traced-order' },
        body: { lines: [{ sku: 'TEA-01', quantity: 1 }], paymentToken },
        claims: customer('traced-shopper'),
      }),
    );
    expect(outcome).toBe('returned');
    const invocation = await segmentWhere((segment) => segment.trace_id === traceId && segment.annotations?.correlation_id === 'traced-order');
    expect(invocation.annotations).toMatchObject({ ColdStart: expect.any(Boolean), Service: expect.any(String) });
    const write = await segmentWhere((segment) => segment.trace_id === traceId && segment.name === 'DynamoDB');
    expect(write.aws).toMatchObject({ operation: 'TransactWriteItems' });
  });

  it('record each record of a batch in a subsegment of its own, with the record correlation id and its failure', async () => {
    const event = sqsEventOf([
      {
        MessageId: randomUUID(),
        ReceiptHandle: 'r',
        Body: JSON.stringify({ type: 'NotAStockResult' }),
        MessageAttributes: { correlationId: { DataType: 'String', StringValue: 'traced-record' } },
      },
    ]);
    const { traceId, outcome } = await invokeTraced(handleStockResult, event);
    expect(outcome).toBe('threw'); // every record of the batch failed: Lambda retries the batch
    const record = await segmentWhere((segment) => segment.trace_id === traceId && segment.name === '## record');
    expect(record.annotations).toEqual({ correlation_id: 'traced-record' });
    expect(record.error || record.fault).toBe(true);
  });

  it('never record the request, the response or a secret in them', () => {
    const everything = received.map(({ raw }) => raw).join('\n');
    expect(everything).not.toContain(paymentToken);
    expect(everything).not.toContain(accessToken);
  });
});
