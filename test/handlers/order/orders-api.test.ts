import { randomUUID } from 'node:crypto';
import { handler as getOrder } from '../../../functions/order/handlers/get-order';
import { handler as listOrders } from '../../../functions/order/handlers/list-orders';
import { handler as placeOrder } from '../../../functions/order/handlers/place-order';
import { invoke } from '../support/http-event';
import { customer, prepareSagaServices } from '../support/saga-services';

beforeAll(() => prepareSagaServices());

const someUser = () => `user-${randomUUID()}`;
const order = { lines: [{ sku: 'TEA-1', quantity: 2 }, { sku: 'CUP-1', quantity: 1 }], paymentToken: 'tok_visa' };
const place = (userId: string, body: unknown = order, headers: Record<string, string> = {}) =>
  invoke(placeOrder, { method: 'POST', path: '/orders', body, headers, claims: customer(userId) });

describe('POST /orders', () => {
  it('accepts an order as PENDING (202) and its owner can read it', async () => {
    const userId = someUser();
    const placed = await place(userId, order, { 'x-correlation-id': 'checkout-42' });
    expect(placed.status).toBe(202);
    expect(placed.body).toEqual({ orderId: expect.any(String), status: 'PENDING' });
    expect(placed.headers).toMatchObject({ location: `/orders/${placed.body.orderId}`, 'x-correlation-id': 'checkout-42' });

    const read = await invoke(getOrder, { pathParameters: { orderId: placed.body.orderId }, claims: customer(userId) });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      orderId: placed.body.orderId,
      status: 'PENDING',
      lines: order.lines,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(JSON.stringify(read.body)).not.toContain('tok_visa');
  });

  it('returns the same order for the same Idempotency-Key from the same user', async () => {
    const userId = someUser();
    const first = await place(userId, order, { 'idempotency-key': 'key-1' });
    const again = await place(userId, order, { 'idempotency-key': 'key-1' });
    expect(again.status).toBe(202);
    expect(again.body.orderId).toBe(first.body.orderId);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const list = await invoke(listOrders, { claims: customer(userId) });
    expect(list.body.items).toHaveLength(1);
  });

  it('places exactly one order when requests with one Idempotency-Key race', async () => {
    const userId = someUser();
    const responses = await Promise.all(Array.from({ length: 8 }, () => place(userId, order, { 'idempotency-key': 'racing' })));
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(202));
    expect(new Set(responses.map((response) => response.body.orderId)).size).toBe(1);
    expect((await invoke(listOrders, { claims: customer(userId) })).body.items).toHaveLength(1);
  });

  it('keeps keys apart per user', async () => {
    const [ann, bob] = [await place(someUser(), order, { 'idempotency-key': 'shared' }), await place(someUser(), order, { 'idempotency-key': 'shared' })];
    expect(ann.body.orderId).not.toBe(bob.body.orderId);
  });

  it('refuses a key reused for a different order with 422', async () => {
    const userId = someUser();
    await place(userId, order, { 'idempotency-key': 'reused' });
    const different = await place(userId, { ...order, paymentToken: 'tok_chargeDeclined' }, { 'idempotency-key': 'reused' });
    expect(different.status).toBe(422);
    expect(different.headers['content-type']).toBe('application/problem+json');
  });

  const line = (sku: string, quantity = 1) => ({ sku, quantity });
  it.each([
    ['an empty order', { lines: [], paymentToken: 'tok_visa' }],
    ['a quantity of 0', { lines: [line('A', 0)], paymentToken: 'tok_visa' }],
    ['a quantity over 100', { lines: [line('A', 101)], paymentToken: 'tok_visa' }],
    ['a fractional quantity', { lines: [line('A', 1.5)], paymentToken: 'tok_visa' }],
    ['51 lines', { lines: Array.from({ length: 51 }, (_, index) => line(`SKU-${index}`)), paymentToken: 'tok_visa' }],
    ['a repeated SKU', { lines: [line('A'), line('B'), line('A')], paymentToken: 'tok_visa' }],
    ['no payment token', { lines: [line('A')] }],
    ['a price in a line', { lines: [{ sku: 'A', quantity: 1, priceCents: 1 }], paymentToken: 'tok_visa' }],
  ])('rejects %s with 400', async (_case, body) => {
    const response = await place(someUser(), body);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json');
  });

  it('points at the repeated line', async () => {
    const response = await place(someUser(), { lines: [line('A'), line('B'), line('A')], paymentToken: 'tok_visa' });
    expect(response.body.errors).toEqual([{ detail: expect.stringContaining('repeated'), pointer: '#/lines/2/sku' }]);
  });

  it.each([
    ['with a space', 'two words'],
    ['empty', ''],
    ['longer than 255 characters', 'x'.repeat(256)],
  ])('rejects an Idempotency-Key %s with 400', async (_case, key) => {
    expect((await place(someUser(), order, { 'idempotency-key': key })).status).toBe(400);
  });

  it('accepts 50 lines of 100', async () => {
    const lines = Array.from({ length: 50 }, (_, index) => line(`SKU-${index}`, 100));
    expect((await place(someUser(), { lines, paymentToken: 'tok_visa' })).status).toBe(202);
  });
});

describe('GET /orders/{orderId}', () => {
  it("answers 404 for another user's order, exactly as for a missing one", async () => {
    const placed = await place(someUser());
    const foreign = await invoke(getOrder, { pathParameters: { orderId: placed.body.orderId }, claims: customer(someUser()) });
    const missing = await invoke(getOrder, { pathParameters: { orderId: randomUUID() }, claims: customer(someUser()) });
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect({ ...foreign.body, detail: undefined }).toEqual({ ...missing.body, detail: undefined });
  });

  it('rejects an order id that is not a UUID with 400', async () => {
    expect((await invoke(getOrder, { pathParameters: { orderId: 'ORDER#1' }, claims: customer(someUser()) })).status).toBe(400);
  });
});

describe('GET /orders', () => {
  it("lists the caller's orders newest first, page by page, and nobody else's", async () => {
    const userId = someUser();
    await place(someUser());
    const placed: string[] = [];
    for (let n = 0; n < 5; n++) placed.push((await place(userId)).body.orderId);

    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await invoke(listOrders, { queryStringParameters: { limit: '2', ...(nextToken && { nextToken }) }, claims: customer(userId) });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((item: { orderId: string }) => item.orderId));
      nextToken = page.body.nextToken;
    } while (nextToken);
    expect(seen).toEqual([...placed].reverse());
  });

  it("refuses another user's page token with 400", async () => {
    const userId = someUser();
    for (let n = 0; n < 2; n++) await place(userId);
    const page = await invoke(listOrders, { queryStringParameters: { limit: '1' }, claims: customer(userId) });
    const stolen = await invoke(listOrders, { queryStringParameters: { nextToken: page.body.nextToken }, claims: customer(someUser()) });
    expect(stolen.status).toBe(400);
  });
});
