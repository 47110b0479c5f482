import { randomUUID } from 'node:crypto';
import { isFinal, type OrderStatus } from '../../../functions/order/domain/order';
import { sleep } from '../../../functions/shared/backoff';
import { eventually, pollUntil } from '../support/eventually';
import { type ApiResponse, request, type RequestOptions } from '../support/http';
import { type AuditExpectations, auditShop, readShopState, type ShopData, type ShopState } from './shop-audit';

/*
 * A drill: many orders placed while faults are injected, as a client that copes with them would place
 * them (retries with an Idempotency-Key), then waiting for the shop to settle. Used by the e2e chaos
 * test and `npm run bench:chaos`; what is checked afterwards is in shop-audit.ts.
 */

export interface DrillAccount {
  readonly userId: string;
  readonly token: string;
}

export interface DrillShop {
  readonly admin: DrillAccount;
  readonly shoppers: readonly DrillAccount[];
  readonly skus: readonly string[];
  readonly stockPutIn: ReadonlyMap<string, number>;
}

export interface PlacedOrder {
  readonly orderId: string;
  /** When the client first sent it (epoch ms). */
  readonly sentAt: number;
}

const retriedStatuses = new Set([500, 502, 503, 504]);
const maxTries = 10;

/**
 * One request, tried again on a 5xx or a dropped connection, as a client of a shop under faults does:
 * after a killed function (500), a gateway timeout (503) or a reset. Other answers are returned as they are.
 */
export const persistentRequest = async <T>(baseUrl: string, method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> => {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await request<T>(baseUrl, method, path, options);
      if (!retriedStatuses.has(response.status) || attempt === maxTries) return response;
    } catch (error) {
      if (attempt === maxTries) throw error;
    }
    // A client's backoff before it tries again, not a wait for the shop's own work.
    await sleep(Math.min(2_000, 100 * 2 ** attempt));
  }
};

const expectAnswer = async <T>(expected: number[], answer: Promise<ApiResponse<T>>, what: string): Promise<T> => {
  const { status, body } = await answer;
  if (!expected.includes(status)) throw new Error(`${what} answered ${status}: ${JSON.stringify(body)}`);
  return body;
};

const signUp = async (baseUrl: string, email: string, password: string): Promise<DrillAccount> => {
  const registered = await expectAnswer<{ userId?: string }>([201, 409], persistentRequest(baseUrl, 'POST', '/auth/register', { body: { email, password, name: 'Drill' } }), 'register');
  const { accessToken } = await expectAnswer<{ accessToken: string }>([200], persistentRequest(baseUrl, 'POST', '/auth/login', { body: { email, password } }), 'login');
  const userId = registered.userId ?? (await expectAnswer<{ userId: string }>([200], persistentRequest(baseUrl, 'GET', '/users/me', { token: accessToken }), 'me')).userId;
  return { userId, token: accessToken };
};

/**
 * Shoppers and stocked products, made through the API (best before faults are on: a stock update
 * retried after a lost answer would add its units twice), waiting until the stock shows.
 */
export const prepareDrillShop = async (
  baseUrl: string,
  admin: { email: string; password: string },
  options: { shoppers: number; skus: number; unitsEach: number; priceCents: number },
): Promise<DrillShop> => {
  const adminAccount = await signUp(baseUrl, admin.email, admin.password);
  const prefix = `DRILL-${randomUUID().slice(0, 6)}`;
  const skus = Array.from({ length: options.skus }, (_, index) => `${prefix}-${index}`);
  for (const sku of skus) {
    const product = { token: adminAccount.token, body: { name: `Drill product ${sku}`, priceCents: options.priceCents } };
    await expectAnswer([200, 201], persistentRequest(baseUrl, 'PUT', `/products/${sku}`, product), `PUT /products/${sku}`);
    const update = { token: adminAccount.token, body: { delta: options.unitsEach, reason: 'drill stock' } };
    await expectAnswer([202], request(baseUrl, 'POST', `/products/${sku}/stock-updates`, update), `stock for ${sku}`);
  }
  const shoppers = await Promise.all(Array.from({ length: options.shoppers }, () => signUp(baseUrl, `drill-${randomUUID()}@example.com`, 'correct horse battery')));
  for (const sku of skus) {
    await eventually(
      async () => {
        const { available } = await expectAnswer<{ available: number }>([200], persistentRequest(baseUrl, 'GET', `/products/${sku}`, { token: adminAccount.token }), sku);
        if (available !== options.unitsEach) throw new Error(`${sku} shows ${available} units, not ${options.unitsEach}`);
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
  }
  return { admin: adminAccount, shoppers, skus, stockPutIn: new Map(skus.map((sku) => [sku, options.unitsEach])) };
};

/** Polls the order (as its shopper sees it) until it is final, for at most `timeoutMs`. */
const awaitFinal = (baseUrl: string, token: string, orderId: string, timeoutMs: number) =>
  pollUntil(
    () => persistentRequest<{ status: OrderStatus }>(baseUrl, 'GET', `/orders/${orderId}`, { token }),
    ({ status, body }) => status === 200 && isFinal(body.status),
    timeoutMs,
  );

/**
 * Places `count` orders, `concurrency` at a time: shoppers and SKUs in turn, one or two units, every
 * tenth paid with a card that is declined. Each order has its own Idempotency-Key, so a retry after a
 * lost answer gets the order the first try placed instead of a second one. With `awaitEachMs`, each
 * of the `concurrency` shoppers waits for an order to end (at most that long) before the next: a
 * steady load, rather than a backlog that only grows.
 */
export const placeDrillOrders = async (
  baseUrl: string,
  shop: DrillShop,
  count: number,
  concurrency: number,
  options: { awaitEachMs?: number } = {},
): Promise<PlacedOrder[]> => {
  const placed: PlacedOrder[] = [];
  let next = 0;
  const placeOne = async (index: number) => {
    const shopper = shop.shoppers[index % shop.shoppers.length]!;
    const body = {
      lines: [{ sku: shop.skus[index % shop.skus.length]!, quantity: 1 + (index % 2) }],
      paymentToken: index % 10 === 9 ? 'tok_chargeDeclined' : 'tok_visa',
    };
    const sentAt = Date.now();
    const request = { token: shopper.token, body, headers: { 'idempotency-key': randomUUID() } };
    const { orderId } = await expectAnswer<{ orderId: string }>([202], persistentRequest(baseUrl, 'POST', '/orders', request), 'POST /orders');
    placed.push({ orderId, sentAt });
    if (options.awaitEachMs) await awaitFinal(baseUrl, shopper.token, orderId, options.awaitEachMs);
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await placeOne(next++);
    }),
  );
  return placed;
};

/** The shop's tables, read as the local operator (faults reach only functions), for the drill's shoppers and products. */
export const drillState = (data: ShopData, shop: DrillShop): Promise<ShopState> =>
  readShopState(data, { userIds: new Set(shop.shoppers.map((shopper) => shopper.userId)), skus: shop.skus });

/** Every order placed is in the tables, and final. */
export const allFinal = (placed: readonly PlacedOrder[]) => (state: ShopState) =>
  state.orders.length >= placed.length && state.orders.every((order) => isFinal(order.status));

/** Every order placed is final, and the audit finds nothing wrong: nothing left to compensate. */
export const allSettled = (placed: readonly PlacedOrder[], expected: AuditExpectations) => (state: ShopState) =>
  allFinal(placed)(state) && auditShop(state, expected).length === 0;

/** The latest deadline among the orders (epoch ms). */
const latestDeadline = (state: ShopState, orderTimeoutSeconds: number): number =>
  Math.max(...state.orders.map((order) => Date.parse(order.createdAt))) + orderTimeoutSeconds * 1000;

export interface FastForward {
  /** What the audit expects (the stock put in, the order timeout). */
  readonly expected: AuditExpectations;
  /** How often the sweeper's schedule ticks. */
  readonly sweepPeriodMs: number;
  /** Fires the schedules' ticks due by then (`runtime.schedules.runDue`). */
  readonly runDue: (at: Date) => Promise<unknown>;
  /** How long the orders get to end by themselves before their deadlines are made to come. */
  readonly byThemselvesMs: number;
  /** How long, at most, from then until every order has ended and nothing is left to compensate. */
  readonly settleMs: number;
}

/**
 * Lets the orders end by themselves for a while, then makes their deadlines come without waiting for
 * them: the sweeper's ticks up to one period past the latest deadline fire at once, and while an order
 * is still under way (its sweep failed), the next tick, one period later, every few seconds. Polls the
 * tables until every order has ended and the audit finds nothing wrong (nothing left to compensate),
 * or the time is up; answers the last state read. Messages still in flight then are late ones, which
 * must change nothing: the bench, which waits for the queues to empty, checks that too.
 */
export const settleWithDeadlines = async (read: () => Promise<ShopState>, placed: readonly PlacedOrder[], options: FastForward): Promise<ShopState> => {
  const settled = allSettled(placed, options.expected);
  const byThemselves = await pollUntil(read, settled, options.byThemselvesMs);
  if (byThemselves.reached) return byThemselves.state;
  let tick = latestDeadline(byThemselves.state, options.expected.orderTimeoutSeconds) + options.sweepPeriodMs;
  await options.runDue(new Date(tick));
  const deadline = Date.now() + options.settleMs;
  for (;;) {
    const { reached, state } = await pollUntil(read, settled, Math.max(0, Math.min(8_000, deadline - Date.now())));
    if (reached || Date.now() >= deadline) return state;
    if (!allFinal(placed)(state)) {
      tick += options.sweepPeriodMs;
      await options.runDue(new Date(tick));
    }
  }
};

/** From sending each order to its final state (the Order service's `updatedAt`), in ms, for the final ones. */
export const orderLatencies = (placed: readonly PlacedOrder[], state: ShopState): number[] => {
  const byId = new Map(state.orders.map((order) => [order.orderId, order]));
  return placed.flatMap(({ orderId, sentAt }) => {
    const order = byId.get(orderId);
    return order && isFinal(order.status) ? [Date.parse(order.updatedAt) - sentAt] : [];
  });
};
