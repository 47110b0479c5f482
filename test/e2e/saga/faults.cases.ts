import { SQSClient } from '@aws-sdk/client-sqs';
import { faultKinds } from '../../../local/chaos/chaos-spec';
import { localCredentials } from '../../../local/lambda/environment-variables';
import { eventually, pollUntil } from '../support/eventually';
import type { DrillSettings } from '../../../bench/support/assembly-variant';
import { type DrillRuntime, e2eAssembly, startDrillRuntime } from './drill-runtime';
import { pendingMessages } from './queues';
import { drillState, persistentRequest, placeDrillOrders, prepareDrillShop, settleWithDeadlines } from './order-drill';
import { auditShop, ordersByStatus } from './shop-audit';

/*
 * The saga when things fail, each on a runtime of its own (its sweeps and faults touch no other test's
 * orders), started from the e2e run's cloud assembly with the settings `-c orderTimeoutSeconds=60` and
 * `-c paymentSimulator...` would give. A deadline passes without waiting for it: the test makes the
 * sweeper's schedule fire its ticks up to a minute past the deadline (`runtime.schedules.runDue`), and a
 * sweep is as of its tick's time (decision 0055). These run beside the saga's other scenarios.
 */

const minute = 60_000;
const orderTimeoutSeconds = 60;

const withDrillRuntime = async (name: string, settings: DrillSettings, chaos: string | undefined, drill: (drill: DrillRuntime) => Promise<void>) => {
  const running = await startDrillRuntime(name, { orderTimeoutSeconds, ...settings }, chaos);
  try {
    await drill(running);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n(the drill's runtime log: ${running.logFile})`, { cause: error });
  } finally {
    await running.stop();
  }
};

/** Messages waiting, in flight or delayed on one of the runtime's queues. */
const pendingOn = async (drill: DrillRuntime, queueKeyPrefix: string) => {
  const sqs = new SQSClient({ endpoint: drill.runtime.endpoints.sqs, region: drill.runtime.region, credentials: localCredentials });
  try {
    const queue = drill.runtime.model.queues.find((candidate) => candidate.key.startsWith(queueKeyPrefix))!;
    return await pendingMessages(queue.url, sqs);
  } finally {
    sqs.destroy();
  }
};

/**
 * Every fault, at `all`'s rates (local/chaos/chaos-spec.ts), except kills of the payment request
 * consumer: a payment request whose delivery dies comes back after its queue's 90 s visibility timeout
 * (six times the consumer's 15 s, decision 0054), longer than this test runs. `npm run bench:chaos`
 * kills every function and waits for it.
 */
const everyFault = [
  ...['OrderService/*', 'InventoryService/*', 'UserService/*', 'PaymentService/GetPayment*'].map((functions) => `kill=0.02@${functions}`),
  'throttle=0.05,error=0.02,timeout=0.01,reset=0.01,slow=0.1:200ms,duplicate=0.05,seed=9',
].join(',');

export const faultCases = () => {
  (e2eAssembly ? it.concurrent : it.concurrent.skip)(
    'cancels at its deadline an order whose payment answer is never handled: stock released, the captured payment refunded, the late answer changes nothing',
    () =>
      // The consumer of payment answers is broken: every invocation of it is killed.
      withDrillRuntime('deadline', {}, 'kill=1@OrderService/HandlePaymentResult', async (drill) => {
        const { runtime } = drill;
        const shop = await prepareDrillShop(runtime.url, drill.admin, { shoppers: 1, skus: 1, unitsEach: 5, priceCents: 1500 });
        const [sku] = shop.skus;
        const { token } = shop.shoppers[0]!;
        const get = async <T>(path: string) => (await persistentRequest<T>(runtime.url, 'GET', path, { token })).body;
        const { orderId } = (await persistentRequest<{ orderId: string }>(runtime.url, 'POST', '/orders', { token, body: { lines: [{ sku, quantity: 2 }], paymentToken: 'tok_visa' } })).body;

        await eventually(
          async () => {
            expect(await get(`/payments/${orderId}`)).toMatchObject({ status: 'CAPTURED', amountCents: 3000 });
            expect(await get(`/products/${sku}`)).toMatchObject({ available: 3, reserved: 2 });
          },
          { timeoutMs: 30_000, intervalMs: 250 },
        );
        await eventually(() => expect(runtime.chaos.counts().kill).toBeGreaterThan(0), { timeoutMs: 10_000 });
        const placed = await get<{ status: string; createdAt: string }>(`/orders/${orderId}`);
        expect(placed.status).toBe('AWAITING_PAYMENT');
        const deadline = Date.parse(placed.createdAt) + orderTimeoutSeconds * 1000;

        // The sweeper ticks every minute: by a minute past the deadline, one tick has come after it. A tick
        // whose sweep fails (on a busy machine, a DynamoDB Local call past the functions' 2 s request
        // timeout) is not retried: the next tick, a minute on, does its work (ScheduledInvocation).
        const readOrder = () => get<{ status: string; reason: string; updatedAt: string }>(`/orders/${orderId}`);
        let lastTick = deadline;
        let swept = { reached: false, state: await readOrder() };
        for (let ticks = 1; !swept.reached && ticks <= 3; ticks++) {
          lastTick = deadline + ticks * minute;
          const fired = await runtime.schedules.runDue(new Date(lastTick));
          expect(fired.map((tick) => tick.name)).toContainEqual(expect.stringContaining('OrderDeadlines'));
          swept = await pollUntil(readOrder, (order) => order.status === 'CANCELLED', 20_000);
        }
        const cancelled = swept.state;
        expect(cancelled).toMatchObject({ status: 'CANCELLED', reason: 'timed-out' });
        await eventually(
          async () => {
            expect(await get(`/products/${sku}`)).toMatchObject({ available: 5, reserved: 0 });
            expect(await get(`/payments/${orderId}`)).toMatchObject({ status: 'REFUNDED', amountCents: 3000 });
          },
          { timeoutMs: 30_000, intervalMs: 250 },
        );
        // Cancelled by a sweep at or after its deadline, not before.
        expect(Date.parse(cancelled.updatedAt)).toBeGreaterThanOrEqual(deadline);
        expect(Date.parse(cancelled.updatedAt)).toBeLessThanOrEqual(lastTick);

        // Fixed, the consumer gets the answer after its visibility timeout: it changes nothing.
        runtime.chaos.set(undefined);
        await eventually(async () => expect(await pendingOn(drill, 'OrderService/PaymentResults')).toBe(0), { timeoutMs: minute, intervalMs: 1_000 });
        expect(await get(`/orders/${orderId}`)).toEqual(cancelled);
        expect(await get(`/payments/${orderId}`)).toMatchObject({ status: 'REFUNDED' });
        expect(await get(`/products/${sku}`)).toMatchObject({ available: 5, reserved: 0 });
      }),
    3 * minute,
  );

  (e2eAssembly ? it.concurrent : it.concurrent.skip)(
    'keeps every invariant with every fault on: each order final by its deadline, stock accounted for, a charge kept only for a confirmed order',
    () =>
      withDrillRuntime('chaos', { paymentSimulator: { failureRate: 0.05, chargedTimeoutRate: 0.05 } }, undefined, async (drill) => {
        const { runtime } = drill;
        // Faults come once the shop is stocked: a stock update retried after a lost answer would count twice.
        const shop = await prepareDrillShop(runtime.url, drill.admin, { shoppers: 4, skus: 6, unitsEach: 12, priceCents: 1000 });
        runtime.chaos.set(everyFault);
        const spec = runtime.chaos.describe().at(-1);
        const read = () => drillState(drill.data, shop);

        const placed = await placeDrillOrders(runtime.url, shop, 60, 8);
        // A sweep can fail (its environment killed): the next one, a minute later, ends the order.
        const expected = { stockPutIn: shop.stockPutIn, orderTimeoutSeconds, graceSeconds: 120 };
        // 15 s to end by themselves; then the deadlines of those still under way come. Settling may take a
        // failed delivery's visibility timeout (90 s for a payment request: 6 × its function's 15 s) and then
        // some on a loaded machine: 120 s at the most.
        const settled = await settleWithDeadlines(read, placed, {
          expected,
          sweepPeriodMs: minute,
          runDue: (at) => runtime.schedules.runDue(at),
          byThemselvesMs: 15_000,
          settleMs: 120_000,
        });
        runtime.chaos.set(undefined);

        const summary = `${spec}; orders ${JSON.stringify(ordersByStatus(settled.orders))}; faults ${JSON.stringify(runtime.chaos.counts())}`;
        expect({ summary, orders: settled.orders.length }).toEqual({ summary, orders: placed.length });
        const violations = auditShop(settled, expected);
        expect({ summary, violations }).toEqual({ summary, violations: [] });
        // Every kind of fault was met.
        const counts = runtime.chaos.counts();
        expect({ summary, missing: faultKinds.filter((kind) => counts[kind] === 0) }).toEqual({ summary, missing: [] });
      }),
    5 * minute,
  );
};
