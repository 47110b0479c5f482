import { randomUUID } from 'node:crypto';
import { api, expectStatus } from '../support/api-client';
import { eventually } from '../support/eventually';
import { checkedRequest } from '../support/openapi-contract';
import { faultCases } from './faults.cases';
import { apiUrl } from '../support/target';
import { queueUrl, sendMessage, takeMessageWith } from './queues';
import { adminToken, newShopper, placeOrder, settledOrder, type Shopper, stockedProduct, stockOf, uniqueSku } from './shop';

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

const paymentOf = (token: string, orderId: string) => api(token).GET('/payments/{orderId}', { params: { path: { orderId } } });
const stockUpdate = (token: string, sku: string, delta: number, reason: string) =>
  api(token).POST('/products/{sku}/stock-updates', { params: { path: { sku } }, body: { delta, reason } });
/** Follows a Location header the API gave. */
const follow = (token: string, location: string | null) => checkedRequest<Record<string, unknown>>(apiUrl(), 'GET', location!, { token });

describe('the order saga', () => {
  // Jest runs the concurrent tests of one describe block five at a time, in the order they are declared,
  // and describe blocks one after another: the tests that wait minutes (the drills, on runtimes of their
  // own, and a poison message's way to its DLQ) come first in this block, so that the others run meanwhile.
  faultCases();

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
      expect((await paymentOf(shopper.token, orderId)).data).toEqual({ orderId, status: 'CAPTURED', amountCents: 4200, attempts: 1 });
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
      for (const orderId of [tooMuch, unknown]) expect((await paymentOf(shopper.token, orderId)).response.status).toBe(404);
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
      expect((await paymentOf(shopper.token, orderId)).data).toMatchObject({ status: 'DECLINED' });
    },
    minute,
  );

  it.concurrent(
    'restocks through the inventory-updates stream, and refuses a removal larger than the stock',
    async () => {
      const tea = await stockedProduct(admin, 2);
      const restock = await stockUpdate(admin, tea, 40, 'delivery');
      expect(restock.response.status).toBe(202);
      await eventually(async () => expect(await stockOf(admin, tea)).toEqual({ available: 42, reserved: 0 }), { timeoutMs: 20_000 });
      const status = await follow(admin, restock.response.headers.get('location'));
      expect(status.body).toMatchObject({ updateId: restock.data?.updateId, status: 'APPLIED', delta: 40 });

      const removal = await stockUpdate(admin, tea, -43, 'count');
      const refused = await eventually(
        async () => {
          const { status: code, body } = await follow(admin, removal.response.headers.get('location'));
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
          api(racer.token).POST('/orders', { params: { header: { 'Idempotency-Key': key } }, body: { lines: [{ sku: tea, quantity: 1 }], paymentToken: 'tok_visa' } }),
        ),
      );
      expect(responses.map(({ response }) => response.status)).toEqual(Array(6).fill(202));
      const orderIds = new Set(responses.map(({ data }) => data?.orderId));
      expect(orderIds.size).toBe(1);
      await settledOrder(racer, [...orderIds][0]!);
      expect((await expectStatus(200, api(racer.token).GET('/orders'))).items).toHaveLength(1);
      await eventually(async () => expect(await stockOf(admin, tea)).toEqual({ available: 4, reserved: 0 }));
    },
    minute,
  );

  it.concurrent(
    "answers 404 for another user's order, as for a missing one",
    async () => {
      const orderId = await placeOrder(shopper, [{ sku: uniqueSku(), quantity: 1 }]);
      const stranger = await newShopper();
      const orderOf = (id: string) => api(stranger.token).GET('/orders/{orderId}', { params: { path: { orderId: id } } });
      const foreign = await orderOf(orderId);
      expect(foreign.response.status).toBe(404);
      expect(foreign.response.headers.get('content-type')).toBe('application/problem+json');
      expect((await orderOf(randomUUID())).response.status).toBe(404);
      expect((await paymentOf(stranger.token, orderId)).response.status).toBe(404);
    },
    minute,
  );

  it.concurrent(
    'answers 403 to a customer on an admin route, at the gateway',
    async () => {
      const sku = uniqueSku();
      const path = { path: { sku } };
      expect((await api(shopper.token).PUT('/products/{sku}', { params: path, body: { name: 'X', priceCents: 100 } })).response.status).toBe(403);
      expect((await stockUpdate(shopper.token, sku, 5, 'x')).response.status).toBe(403);
      expect((await api(admin).GET('/products/{sku}', { params: path })).response.status).toBe(404);
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
});
