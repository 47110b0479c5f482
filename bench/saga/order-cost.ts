import type { OperationCount } from '../support/request-counter';
import type { RuntimeProcess } from '../support/runtime-process';
import { ShopClient, terminalStatuses } from '../support/shop-client';
import { prepareShop } from './shop-fixtures';

/** What one order needs, on average, measured through the counting proxy. */
export interface OrderCost {
  readonly orders: number;
  /** Per order, by `service Operation`: requests that carried work (reads that found nothing left out). */
  readonly operations: Record<string, Omit<OperationCount, 'emptyAnswers'>>;
  /** Per order, by function. */
  readonly invocations: Record<string, number>;
  /** Per order, by function: bytes of log lines. */
  readonly logBytes: Record<string, number>;
  /** The pollers' reads that found nothing, per second of the run: their cost while idle. */
  readonly emptyReadsPerSecond: Record<string, number>;
}

/** Work an order causes, as opposed to the pollers' reads and shard bookkeeping, which go on without orders. */
const isOrderWork = (key: string) => /^(dynamodb |kinesis Put|sqs (Send|Delete))/.test(key);
const quietForMs = 1500;
const deadlineMs = 120_000;

const orderWork = (requests: Record<string, OperationCount> = {}) =>
  Object.entries(requests).reduce((total, [key, count]) => total + (isOrderWork(key) ? count.requests : 0), 0);

/**
 * Places `orders` orders on a runtime whose emulator traffic goes through the counting proxy, waits
 * until the saga's writes and messages stop (every order settled), and divides what was counted.
 */
export const measureOrderCost = async (runtime: RuntimeProcess, orders: number): Promise<OrderCost> => {
  const shop = new ShopClient(runtime.url);
  const fixtures = await prepareShop(shop, { shoppers: 2, products: 2, unitsEach: orders, prefix: 'BENCH-COUNT' });
  await runtime.resetMeasures();
  const started = Date.now();
  const placed: { token: string; orderId: string }[] = [];
  for (let index = 0; index < orders; index++) {
    const { token } = fixtures.shoppers[index % fixtures.shoppers.length]!;
    placed.push({ token, orderId: await shop.placeOrder(token, [{ sku: fixtures.skus[index % fixtures.skus.length]!, quantity: 1 }]) });
  }
  let last = -1;
  let quietSince = Date.now();
  for (;;) {
    const work = orderWork((await runtime.measures()).requests);
    if (work !== last) [last, quietSince] = [work, Date.now()];
    else if (Date.now() - quietSince >= quietForMs) break;
    if (Date.now() - started > deadlineMs) throw new Error(`The saga kept working for ${deadlineMs} ms after ${orders} orders`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const measures = await runtime.measures();
  const seconds = (Date.now() - started) / 1000;
  for (const { token, orderId } of placed) {
    const { status } = await shop.orderState(token, orderId);
    if (!terminalStatuses.includes(status)) throw new Error(`Order ${orderId} is ${status} once the saga went quiet`);
  }

  const operations: OrderCost['operations'] = {};
  const emptyReadsPerSecond: Record<string, number> = {};
  for (const [key, { emptyAnswers, ...count }] of Object.entries(measures.requests ?? {})) {
    if (emptyAnswers > 0) emptyReadsPerSecond[key] = emptyAnswers / seconds;
    const requests = count.requests - emptyAnswers;
    if (requests > 0) {
      operations[key] = {
        requests: requests / orders,
        items: count.items / orders,
        writeUnits: count.writeUnits / orders,
        readUnits: count.readUnits / orders,
        requestBytes: count.requestBytes / orders,
      };
    }
  }
  const perOrder = (pick: (fn: (typeof measures.functions)[string]) => number) =>
    Object.fromEntries(Object.entries(measures.functions).map(([name, fn]) => [name, pick(fn) / orders]));
  return {
    orders,
    operations,
    invocations: perOrder((fn) => fn.durationsMs.length),
    logBytes: perOrder((fn) => fn.logBytes),
    emptyReadsPerSecond,
  };
};
