import { type ShopClient, terminalStatuses } from '../support/shop-client';
import type { ShopFixtures } from './shop-fixtures';

export interface OrderOutcome {
  /** From sending POST /orders to the order's terminal state, as the Order service timed it (`updatedAt`). */
  readonly latencyMs?: number;
  /** When the terminal state was reached (epoch milliseconds). */
  readonly settledAt?: number;
  readonly status?: string;
  readonly error?: string;
}

export interface OrderLoadResult {
  readonly outcomes: OrderOutcome[];
  /** From the first POST to the last order settled. */
  readonly elapsedMs: number;
}

/**
 * The latency comes from the order's own `updatedAt`, so polling more often would add load (each poll
 * is a GET through the gateway and a function), not precision; less often, and each of the C slots
 * idles longer between an order settling and the next one being placed.
 */
const pollIntervalMs = 250;
const settleDeadlineMs = 60_000;

/**
 * Places `orders` orders over HTTP, `concurrency` at a time, round-robin over the shoppers and products
 * (one unit each), and polls each one until it reaches a terminal state. The clocks are this machine's:
 * the Order service's `updatedAt` and this process's `Date.now()` are comparable.
 */
export const placeOrders = async (shop: ShopClient, fixtures: ShopFixtures, orders: number, concurrency: number): Promise<OrderLoadResult> => {
  const outcomes: OrderOutcome[] = [];
  let next = 0;
  const placeOne = async (index: number): Promise<OrderOutcome> => {
    const shopper = fixtures.shoppers[index % fixtures.shoppers.length]!;
    const sku = fixtures.skus[index % fixtures.skus.length]!;
    const started = Date.now();
    try {
      const orderId = await shop.placeOrder(shopper.token, [{ sku, quantity: 1 }]);
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
        const { status, updatedAt } = await shop.orderState(shopper.token, orderId);
        const settledAt = Date.parse(updatedAt);
        if (terminalStatuses.includes(status)) return { latencyMs: settledAt - started, settledAt, status };
        if (Date.now() - started > settleDeadlineMs) return { error: `still ${status} after ${settleDeadlineMs} ms` };
      }
    } catch (error) {
      return { error: (error as Error).message };
    }
  };
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < orders) outcomes.push(await placeOne(next++));
    }),
  );
  const lastSettled = Math.max(...outcomes.map((outcome) => outcome.settledAt ?? Date.now()));
  return { outcomes, elapsedMs: lastSettled - started };
};
