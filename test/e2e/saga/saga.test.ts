import { randomUUID } from 'node:crypto';
import { eventually } from '../support/eventually';
import { queueUrl, sendMessage, takeMessageWith } from './queues';
import { adminToken, call, newShopper, placeOrder, settledOrder, type Shopper, stockedProduct, stockOf, uniqueSku } from './shop';

/*
 * The order saga end to end, over HTTP with real tokens, polling with deadlines. The scenarios use
 * their own users and products, so they run concurrently: the slowest (a poison message's way to the
 * DLQ, five visibility timeouts) overlaps the others.
 */
let admin: string;
let shopper: Shopper;
beforeAll(async () => {
  admin = await adminToken();
  shopper = await newShopper();
}, 30_000);

const minute = 60_000;

describe('the order saga', () => {
  it.concurrent(
    'confirms a paid order: stock decremented, payment captured',
    async () => {
      const [tea, cup] = [await stockedProduct(admin, 10, 1200), await stockedProduct(admin, 4, 450)];
      const orderId = await placeOrder(shopper, [
        { sku: tea, quantity: 2 },
        { sku: cup, quantity: 4 },
      ]);
      const order = await settledOrder(shopper, orderId);
      expect(order).toMatchObject({
        status: 'CONFIRMED',
        lines: [
          { sku: tea, quantity: 2, priceCents: 1200 },
          { sku: cup, quantity: 4, priceCents: 450 },
        ],
        totalCents: 4200,
      });
      await eventually(async () => expect(await stockOf(admin, tea)).toEqual({ available: 8, reserved: 0 }));
      expect(await stockOf(admin, cup)).toEqual({ available: 0, reserved: 0 });
      const payment = await call('GET', `/payments/${orderId}`, { token: shopper.token });
      expect(payment.body).toEqual({ orderId, status: 'CAPTURED', amountCents: 4200, attempts: 1 });
    },
    minute,
  );

  it.concurrent(
    'rejects an order for too little stock, and one for an unknown SKU, charging nothing',
    async () => {
      const tea = await stockedProduct(admin, 1);
      const tooMuch = await placeOrder(shopper, [{ sku: tea, quantity: 2 }]);
      const unknown = await placeOrder(shopper, [{ sku: uniqueSku('NOPE'), quantity: 1 }]);
      expect(await settledOrder(shopper, tooMuch)).toMatchObject({ status: 'REJECTED', reason: 'insufficient-stock' });
      expect(await settledOrder(shopper, unknown)).toMatchObject({ status: 'REJECTED', reason: 'unknown-sku' });
      for (const orderId of [tooMuch, unknown]) expect((await call('GET', `/payments/${orderId}`, { token: shopper.token })).status).toBe(404);
      expect(await stockOf(admin, tea)).toEqual({ available: 1, reserved: 0 });
    },
    minute,
  );

  it.concurrent(
    'fails an order whose card is declined, and puts its stock back where it was',
    async () => {
      const tea = await stockedProduct(admin, 5);
      const orderId = await placeOrder(shopper, [{ sku: tea, quantity: 3 }], 'tok_chargeDeclined');
      expect(await settledOrder(shopper, orderId)).toMatchObject({ status: 'PAYMENT_FAILED', reason: 'card-declined' });
      await eventually(async () => expect(await stockOf(admin, tea)).toEqual({ available: 5, reserved: 0 }), { timeoutMs: 20_000 });
      expect((await call('GET', `/payments/${orderId}`, { token: shopper.token })).body).toMatchObject({ status: 'DECLINED' });
    },
    minute,
  );

  it.concurrent(
    'restocks through the inventory-updates stream, and refuses a removal larger than the stock',
    async () => {
      const tea = await stockedProduct(admin, 2);
      const restock = await call('POST', `/products/${tea}/stock-updates`, { token: admin, body: { delta: 40, reason: 'delivery' } });
      expect(restock.status).toBe(202);
      await eventually(async () => expect(await stockOf(admin, tea)).toEqual({ available: 42, reserved: 0 }), { timeoutMs: 20_000 });
      const status = await call('GET', restock.headers.get('location')!, { token: admin });
      expect(status.body).toMatchObject({ updateId: restock.body.updateId, status: 'APPLIED', delta: 40 });

      const removal = await call('POST', `/products/${tea}/stock-updates`, { token: admin, body: { delta: -43, reason: 'count' } });
      const refused = await eventually(
        async () => {
          const { status: code, body } = await call('GET', removal.headers.get('location')!, { token: admin });
          expect(code).toBe(200);
          return body;
        },
        { timeoutMs: 20_000 },
      );
      expect(refused).toMatchObject({ status: 'REJECTED', rejection: 'insufficient-stock' });
      expect(await stockOf(admin, tea)).toEqual({ available: 42, reserved: 0 });
    },
    minute,
  );

  it.concurrent(
    'places one order for racing requests with the same Idempotency-Key',
    async () => {
      const racer = await newShopper();
      const tea = await stockedProduct(admin, 5);
      const key = randomUUID();
      const responses = await Promise.all(
        Array.from({ length: 6 }, () =>
          call('POST', '/orders', { token: racer.token, headers: { 'idempotency-key': key }, body: { lines: [{ sku: tea, quantity: 1 }], paymentToken: 'tok_visa' } }),
        ),
      );
      expect(responses.map((response) => response.status)).toEqual(Array(6).fill(202));
      const orderIds = new Set(responses.map((response) => response.body.orderId));
      expect(orderIds.size).toBe(1);
      await settledOrder(racer, [...orderIds][0]);
      expect((await call('GET', '/orders', { token: racer.token })).body.items).toHaveLength(1);
      await eventually(async () => expect(await stockOf(admin, tea)).toEqual({ available: 4, reserved: 0 }));
    },
    minute,
  );

  it.concurrent(
    "answers 404 for another user's order, as for a missing one",
    async () => {
      const orderId = await placeOrder(shopper, [{ sku: uniqueSku(), quantity: 1 }]);
      const stranger = await newShopper();
      const foreign = await call('GET', `/orders/${orderId}`, { token: stranger.token });
      expect(foreign.status).toBe(404);
      expect(foreign.headers.get('content-type')).toBe('application/problem+json');
      expect((await call('GET', `/orders/${randomUUID()}`, { token: stranger.token })).status).toBe(404);
      expect((await call('GET', `/payments/${orderId}`, { token: stranger.token })).status).toBe(404);
    },
    minute,
  );

  it.concurrent(
    'answers 403 to a customer on an admin route, at the gateway',
    async () => {
      const sku = uniqueSku();
      expect((await call('PUT', `/products/${sku}`, { token: shopper.token, body: { name: 'X', priceCents: 100 } })).status).toBe(403);
      expect((await call('POST', `/products/${sku}/stock-updates`, { token: shopper.token, body: { delta: 5, reason: 'x' } })).status).toBe(403);
      expect((await call('GET', `/products/${sku}`, { token: admin })).status).toBe(404);
    },
    minute,
  );

  it.concurrent(
    'confirms exactly as many concurrent orders as there is stock, rejects the rest, and never goes below zero',
    async () => {
      const stock = 5;
      const tea = await stockedProduct(admin, stock);
      const buyers = await Promise.all(Array.from({ length: 4 }, () => newShopper()));
      const orders = await Promise.all(
        Array.from({ length: 12 }, async (_, index) => {
          const buyer = buyers[index % buyers.length]!;
          return { buyer, orderId: await placeOrder(buyer, [{ sku: tea, quantity: 1 }]) };
        }),
      );
      const settled = await Promise.all(orders.map(({ buyer, orderId }) => settledOrder(buyer, orderId, 90_000)));
      const statuses = settled.map((order) => order.status);
      expect(statuses.filter((status) => status === 'CONFIRMED')).toHaveLength(stock);
      expect(statuses.filter((status) => status === 'REJECTED')).toHaveLength(12 - stock);
      await eventually(async () => expect(await stockOf(admin, tea)).toEqual({ available: 0, reserved: 0 }), { timeoutMs: 20_000 });
    },
    2 * minute,
  );

  it.concurrent(
    'moves a poison message to the DLQ after its retries, while the orders behind it go through',
    async () => {
      const marker = randomUUID();
      await sendMessage(await queueUrl('InventoryService-StockRequestsQueue'), { type: 'ReserveStock', orderId: 'not-an-order', marker }, `poison-${marker}`);

      const tea = await stockedProduct(admin, 3);
      const orderId = await placeOrder(shopper, [{ sku: tea, quantity: 1 }]);
      expect((await settledOrder(shopper, orderId)).status).toBe('CONFIRMED');

      // Five receives, each after the queue's visibility timeout (30 s), then the redrive: about 2.5 minutes.
      const deadLetters = await queueUrl('InventoryService-StockRequestsDeadLetters');
      const dead = await eventually(
        async () => {
          const body = await takeMessageWith(deadLetters, marker);
          expect(body).toBeDefined();
          return body!;
        },
        { timeoutMs: 4 * minute, intervalMs: 1_000 },
      );
      expect(JSON.parse(dead)).toEqual({ type: 'ReserveStock', orderId: 'not-an-order', marker });
    },
    5 * minute,
  );
});
