import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { handler as listProducts } from '../../../functions/inventory/handlers/list-products';
import { handler as saveProduct } from '../../../functions/inventory/handlers/save-product';
import { handler as listOrders } from '../../../functions/order/handlers/list-orders';
import { handler as placeOrder } from '../../../functions/order/handlers/place-order';
import { forgedPageTokens, type PaginatedRoute, paginatedRoutes } from '../../e2e/support/forged-page-tokens';
import { invoke } from '../support/http-event';
import { admin, customer, prepareSagaServices } from '../support/saga-services';

beforeAll(() => prepareSagaServices());

const userId = `pager-${randomUUID()}`;
const listings: Record<PaginatedRoute, { handler: Parameters<typeof invoke>[0]; file: string; seed: () => Promise<unknown> }> = {
  'GET /orders': {
    handler: listOrders,
    file: 'functions/order/handlers/list-orders.ts',
    seed: () => Promise.all([1, 2].map(() => invoke(placeOrder, { method: 'POST', body: { lines: [{ sku: 'TEA-1', quantity: 1 }], paymentToken: 'tok_visa' }, claims: customer(userId) }))),
  },
  'GET /products': {
    handler: listProducts,
    file: 'functions/inventory/handlers/list-products.ts',
    seed: () => Promise.all([1, 2].map((n) => invoke(saveProduct, { method: 'PUT', pathParameters: { sku: `PAGER-${n}` }, body: { name: 'Pager', priceCents: 100 }, claims: admin }))),
  },
};

const firstPageToken = async (route: PaginatedRoute, caller = userId): Promise<string> => {
  const page = await invoke(listings[route].handler, { queryStringParameters: { limit: '1' }, claims: customer(caller) });
  expect(page.status).toBe(200);
  return page.body.nextToken;
};

describe.each(paginatedRoutes)('%s', (route) => {
  const cases = () => firstPageToken(route).then((genuine) => forgedPageTokens(route, genuine, userId));
  let forged: [string, string][] = [];
  beforeAll(async () => {
    await listings[route].seed();
    forged = await cases();
  });

  it('pages on with a token it issued', async () => {
    const nextToken = await firstPageToken(route);
    const next = await invoke(listings[route].handler, { queryStringParameters: { limit: '1', nextToken }, claims: customer(userId) });
    expect(next.status).toBe(200);
    expect(next.body.items).toHaveLength(1);
  });

  it('answers every forged token with 400 problem+json pointing at nextToken, never a 500', async () => {
    expect(forged.length).toBeGreaterThan(10);
    for (const [name, nextToken] of forged) {
      const response = await invoke(listings[route].handler, { queryStringParameters: { nextToken }, claims: customer(userId) });
      expect({ name, status: response.status, type: response.headers['content-type'] }).toEqual({ name, status: 400, type: 'application/problem+json' });
      expect(response.body.errors).toEqual([{ detail: expect.any(String), pointer: '#/nextToken' }]);
    }
  });
});

describe('GET /orders', () => {
  it("refuses another user's genuine token with 400", async () => {
    const stolen = await firstPageToken('GET /orders');
    const response = await invoke(listOrders, { queryStringParameters: { nextToken: stolen }, claims: customer(`thief-${randomUUID()}`) });
    expect(response.status).toBe(400);
  });
});

describe('the sweep', () => {
  it('covers every handler that takes a page token', () => {
    const root = join(__dirname, '../../..');
    const paginated = readdirSync(join(root, 'functions'))
      .flatMap((service) => {
        const handlers = join(root, 'functions', service, 'handlers');
        try {
          return readdirSync(handlers).map((file) => `functions/${service}/handlers/${file}`);
        } catch {
          return [];
        }
      })
      .filter((file) => readFileSync(join(root, file), 'utf8').includes('pageQuery('));
    expect(paginated.sort()).toEqual(Object.values(listings).map((listing) => listing.file).sort());
  });
});
