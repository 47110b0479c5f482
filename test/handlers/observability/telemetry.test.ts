import './verbose-powertools';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { handler as handleStockResult } from '../../../functions/order/handlers/handle-stock-result';
import { handler as placeOrder } from '../../../functions/order/handlers/place-order';
import { handler as sweepExpiredOrders } from '../../../functions/order/handlers/sweep-expired-orders';
import { payments } from '../../../functions/payment/payments';
import { SharedBreaker } from '../../../functions/payment/shared-breaker';
import { metrics } from '../../../functions/shared/powertools';
import { captureOutput, emittedMetrics, logLines } from '../support/captured-output';
import { invoke, lambdaContext } from '../support/http-event';
import { applyUpdates, stockedProduct, stockUpdateRecord } from '../support/inventory-fixtures';
import { sagaDriver } from '../support/saga-driver';
import { pastItsDeadline } from '../support/order-deadlines';
import { deliverBodies, takeBodies } from '../support/queues';
import { customer, prepareSagaServices, type SagaServices } from '../support/saga-services';

let services: SagaServices;
let saga: ReturnType<typeof sagaDriver>;
const runSagaUntilQuiet = () => saga.runUntilQuiet();
beforeAll(async () => {
  services = await prepareSagaServices();
  saga = sagaDriver(services);
});

const place = (lines: { sku: string; quantity: number }[], paymentToken: string, correlationId: string = randomUUID()) =>
  invoke(placeOrder, {
    method: 'POST',
    body: { lines, paymentToken },
    headers: { 'x-correlation-id': correlationId },
    claims: customer('watched-shopper'),
  });

const countOf = (emitted: Map<string, number[]>, name: string) => (emitted.get(`Shop/${name}`) ?? []).reduce((sum, value) => sum + value, 0);

describe('metrics the services emit (CloudWatch embedded metric format, namespace Shop)', () => {
  it('count orders placed, confirmed, rejected and payment failed, payments and their latency, and stock updates', async () => {
    const lines = await captureOutput(async () => {
      const [tea, cup] = [await stockedProduct(5), await stockedProduct(1)];
      await place([{ sku: tea, quantity: 2 }], 'tok_visa');
      await place([{ sku: cup, quantity: 2 }], 'tok_visa');
      await place([{ sku: tea, quantity: 1 }], 'tok_chargeDeclined');
      await runSagaUntilQuiet();
      await applyUpdates(stockUpdateRecord(cup, -50));
    });
    const emitted = emittedMetrics(lines);
    expect({
      placed: countOf(emitted, 'OrdersPlaced'),
      confirmed: countOf(emitted, 'OrdersConfirmed'),
      rejected: countOf(emitted, 'OrdersRejected'),
      paymentFailed: countOf(emitted, 'OrdersPaymentFailed'),
      captured: countOf(emitted, 'PaymentsCaptured'),
      declined: countOf(emitted, 'PaymentsDeclined'),
      stockUpdatesApplied: countOf(emitted, 'StockUpdatesApplied'),
      stockUpdatesRejected: countOf(emitted, 'StockUpdatesRejected'),
      recordsFailed: countOf(emitted, 'RecordsFailed'),
    }).toEqual({
      placed: 3,
      confirmed: 1,
      rejected: 1,
      paymentFailed: 1,
      captured: 1,
      declined: 1,
      stockUpdatesApplied: 2,
      stockUpdatesRejected: 1,
      recordsFailed: 0,
    });
    // One call to the card processor per payment, each timed.
    expect(emitted.get('Shop/PaymentProviderLatency')).toEqual([expect.any(Number), expect.any(Number)]);
  });

  it('count the payment breaker opening and closing again', async () => {
    let now = Date.now();
    const breaker = new SharedBreaker(payments(), `watched-provider-${randomUUID()}`, { failureThreshold: 2, openMs: 1000, probeTimeoutMs: 500 }, () => now);
    const lines = await captureOutput(async () => {
      await breaker.recordFailure();
      await breaker.recordFailure();
      now += 1000;
      expect(await breaker.admit()).toEqual({ kind: 'call' });
      await breaker.recordSuccess();
      metrics.publishStoredMetrics();
    });
    const emitted = emittedMetrics(lines);
    expect([countOf(emitted, 'PaymentBreakerOpened'), countOf(emitted, 'PaymentBreakerHalfOpened'), countOf(emitted, 'PaymentBreakerClosed')]).toEqual([1, 1, 1]);
  });
});

describe('logs', () => {
  it('follow one order through every service under the correlation id its request came with', async () => {
    const correlationId = `order-trail-${randomUUID()}`;
    const lines = await captureOutput(async () => {
      const tea = await stockedProduct(3);
      expect((await place([{ sku: tea, quantity: 1 }], 'tok_visa', correlationId)).status).toBe(202);
      await runSagaUntilQuiet();
    });
    const trail = logLines(lines).filter((line) => line.correlation_id === correlationId);
    expect(trail.map((line) => line.message)).toEqual(
      expect.arrayContaining(['Order placed', 'Published', 'Stock reserved', 'Order advanced', 'Payment settled', 'Reservation settled']),
    );
    const orderId = trail.find((line) => line.message === 'Order placed')!.orderId;
    const aboutTheOrder = logLines(lines).filter((line) => line.orderId === orderId);
    expect(new Set(aboutTheOrder.map((line) => line.correlation_id))).toEqual(new Set([correlationId]));
  });

  it('carry the keys the Logs Insights query in docs/ follows an order by', async () => {
    const query = readFileSync(path.join(__dirname, '../../../docs/queries/follow-one-order.logsinsights'), 'utf8');
    const filterKeys = [...query.matchAll(/(\w+) = "[A-Z_]+"/g)].map(([, key]) => key);
    expect(filterKeys).toEqual(['correlation_id', 'orderId']);
    const lines = await captureOutput(() => place([{ sku: 'ANY-SKU', quantity: 1 }], 'tok_visa'));
    const placed = logLines(lines).find((line) => line.message === 'Order placed');
    expect(placed).toEqual(expect.objectContaining({ correlation_id: expect.any(String), orderId: expect.any(String) }));
  });

  /** The message an incident query filters on, and the fields it shows (nested ones as `error.name`). */
  const incidentQuery = (file: string) => {
    const query = readFileSync(path.join(__dirname, '../../../docs/queries', file), 'utf8');
    const fields = query.match(/^fields (.+)$/m)![1]!.split(', ').filter((field) => !field.startsWith('@'));
    return { message: query.match(/filter message = "([^"]+)"/)![1]!, fields };
  };
  const carries = (line: Record<string, unknown>, field: string) =>
    field.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], line) !== undefined;

  it('name each order the sweeper cancels, in the line the orders-past-deadline query finds, and count it', async () => {
    const query = incidentQuery('orders-past-deadline.logsinsights');
    const lines = await captureOutput(async () => {
      const tea = await stockedProduct(3);
      const { orderId } = (await place([{ sku: tea, quantity: 1 }], 'tok_visa')).body;
      await saga.runUntilQuiet({ withhold: ['stockRequests'] });
      await takeBodies(services.queues.stockRequests); // its reservation request is lost
      await pastItsDeadline(services.tables.orders, orderId);
      await sweepExpiredOrders({}, lambdaContext());
    });
    const cancelled = logLines(lines).filter((line) => line.message === query.message);
    expect(cancelled).toHaveLength(1);
    for (const field of query.fields) expect(carries(cancelled[0]!, field)).toBe(true);
    expect(cancelled[0]).toMatchObject({ level: 'WARN', from: 'PENDING' });
    expect(countOf(emittedMetrics(lines), 'OrdersCancelled')).toBe(1);
  });

  it('say why a record failed, in the line the failed-records query counts', async () => {
    const query = incidentQuery('failed-records.logsinsights');
    const lines = await captureOutput(() => deliverBodies(handleStockResult, [{ type: 'StockReserved', orderId: randomUUID(), lines: [] }]));
    const failures = logLines(lines).filter((line) => line.message === query.message);
    expect(failures).toHaveLength(1);
    for (const field of query.fields) expect(carries(failures[0]!, field)).toBe(true);
  });

  it('are JSON with level, service, function, cold-start flag, request id and correlation id', async () => {
    const lines = await captureOutput(() => place([{ sku: 'NO-SUCH-SKU', quantity: 1 }], 'tok_visa', 'shape-check'));
    expect(logLines(lines)).toContainEqual(
      expect.objectContaining({
        level: 'INFO',
        message: 'Order placed',
        service: 'shop-test',
        function_name: 'test-function',
        function_request_id: expect.any(String),
        cold_start: expect.any(Boolean),
        correlation_id: 'shape-check',
        timestamp: expect.any(String),
      }),
    );
  });
});
