import { handler as getProduct } from '../../../functions/inventory/handlers/get-product';
import { handler as listProducts } from '../../../functions/inventory/handlers/list-products';
import { handler as saveProduct } from '../../../functions/inventory/handlers/save-product';
import { invoke } from '../support/http-event';
import { applyUpdates, stockUpdateRecord, uniqueSku } from '../support/inventory-fixtures';
import { admin, customer, prepareSagaServices } from '../support/saga-services';

beforeAll(() => prepareSagaServices());

const put = (sku: string, body: unknown, claims = admin) => invoke(saveProduct, { method: 'PUT', pathParameters: { sku }, body, claims });

describe('PUT /products/{sku}', () => {
  it('creates a product with no stock (201), then changes name and price only (200)', async () => {
    const sku = uniqueSku();
    const created = await put(sku, { name: 'Green tea', priceCents: 1200 });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/products/${sku}`);
    expect(created.body).toEqual({ sku, name: 'Green tea', priceCents: 1200, available: 0, reserved: 0 });

    await applyUpdates(stockUpdateRecord(sku, 7));
    const updated = await put(sku, { name: 'Sencha', priceCents: 1350 });
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({ sku, name: 'Sencha', priceCents: 1350, available: 7, reserved: 0 });
    expect((await invoke(getProduct, { pathParameters: { sku }, claims: customer('ann') })).body).toEqual(updated.body);
  });

  it('is for admins only, even if the gateway let a customer through', async () => {
    const response = await put(uniqueSku(), { name: 'X', priceCents: 1 }, customer('ann'));
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toBe('application/problem+json');
  });

  it.each([
    ['a missing price', { name: 'X' }],
    ['a fractional price', { name: 'X', priceCents: 12.5 }],
    ['a zero price', { name: 'X', priceCents: 0 }],
    ['a blank name', { name: ' ', priceCents: 100 }],
    ['stock in the body', { name: 'X', priceCents: 100, available: 5 }],
  ])('rejects %s with 400', async (_case, body) => {
    expect((await put(uniqueSku(), body)).status).toBe(400);
  });

  it('rejects a malformed SKU in the path with 400', async () => {
    expect((await put('not a sku', { name: 'X', priceCents: 1 })).status).toBe(400);
  });
});

describe('GET /products/{sku}', () => {
  it('answers 404 problem+json for an unknown SKU', async () => {
    const response = await invoke(getProduct, { pathParameters: { sku: uniqueSku() }, claims: customer('ann') });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json');
  });
});

describe('GET /products', () => {
  it('pages through the whole catalog in SKU order, without stock reservations', async () => {
    const prefix = uniqueSku('LIST');
    for (const n of [3, 1, 4, 2, 5]) await put(`${prefix}-${n}`, { name: `Item ${n}`, priceCents: n * 100 });
    const seen: unknown[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const response = await invoke(listProducts, {
        queryStringParameters: { limit: '2', ...(nextToken && { nextToken }) },
        claims: customer('ann'),
      });
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...response.body.items);
      nextToken = response.body.nextToken;
      pages++;
    } while (nextToken && pages < 20);
    const ours = seen.filter((item) => (item as { sku: string }).sku.startsWith(prefix));
    expect(ours).toEqual([1, 2, 3, 4, 5].map((n) => ({ sku: `${prefix}-${n}`, name: `Item ${n}`, priceCents: n * 100, available: 0 })));
  });

  it.each([
    ['a forged page token', { nextToken: Buffer.from('{"pk":"RESERVATION#x"}').toString('base64url') }],
    ['a limit over 100', { limit: '101' }],
    ['an unknown parameter', { sort: 'price' }],
  ])('rejects %s with 400', async (_case, queryStringParameters) => {
    expect((await invoke(listProducts, { queryStringParameters, claims: customer('ann') })).status).toBe(400);
  });
});
