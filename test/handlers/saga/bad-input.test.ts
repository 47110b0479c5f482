import { handler as getProduct } from '../../../functions/inventory/handlers/get-product';
import { handler as getStockUpdate } from '../../../functions/inventory/handlers/get-stock-update';
import { handler as listProducts } from '../../../functions/inventory/handlers/list-products';
import { handler as requestStockUpdate } from '../../../functions/inventory/handlers/request-stock-update';
import { handler as saveProduct } from '../../../functions/inventory/handlers/save-product';
import { handler as getOrder } from '../../../functions/order/handlers/get-order';
import { handler as listOrders } from '../../../functions/order/handlers/list-orders';
import { handler as placeOrder } from '../../../functions/order/handlers/place-order';
import { handler as getPayment } from '../../../functions/payment/handlers/get-payment';
import { type HttpEventOptions, invoke } from '../support/http-event';
import { admin, prepareSagaServices } from '../support/saga-services';

beforeAll(() => prepareSagaServices());

const sku = { sku: 'TEA-1' };
const bodyEndpoints = [
  ['POST /orders', placeOrder, { method: 'POST' }],
  ['PUT /products/{sku}', saveProduct, { method: 'PUT', pathParameters: sku }],
  ['POST /products/{sku}/stock-updates', requestStockUpdate, { method: 'POST', pathParameters: sku }],
] as const;

const badBodies: [string, HttpEventOptions][] = [
  ['malformed JSON', { rawBody: '{"lines": ' }],
  ['a JSON string', { rawBody: '"hello"' }],
  ['JSON null', { rawBody: 'null' }],
  ['an array', { rawBody: '[]' }],
  ['wrong types', { body: { lines: 'many', paymentToken: 4, name: [], priceCents: '1', delta: '5', reason: 1 } }],
  ['huge numbers', { body: { lines: [{ sku: 'A', quantity: 1e308 }], paymentToken: 'x', name: 'x', priceCents: 1e308, delta: 1e308, reason: 'x' } }],
  ['unknown fields only', { body: { isAdmin: true } }],
  ['an oversized body', { body: { name: 'x'.repeat(20_000) } }],
  ['form encoding', { rawBody: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
  ['no body at all', { headers: { 'content-type': 'application/json' } }],
];

const expectProblem = (response: Awaited<ReturnType<typeof invoke>>) => {
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  expect(response.headers['content-type']).toBe('application/problem+json');
  expect(response.body.status).toBe(response.status);
};

describe.each(bodyEndpoints)('%s', (_route, handler, extra) => {
  it.each(badBodies)('answers %s with a 4xx problem, never a 500', async (_case, request) => {
    expectProblem(await invoke(handler, { ...extra, ...request, claims: admin }));
  });
});

const readEndpoints: [string, unknown, HttpEventOptions][] = [
  ['GET /orders/{orderId}', getOrder, { pathParameters: { orderId: '../etc/passwd' } }],
  ['GET /orders', listOrders, { queryStringParameters: { limit: '-1', nextToken: '%%%' } }],
  ['GET /products', listProducts, { queryStringParameters: { nextToken: 'eyJwayI6MX0' } }],
  ['GET /products/{sku}', getProduct, { pathParameters: { sku: 'a/b' } }],
  ['GET /products/{sku}/stock-updates/{updateId}', getStockUpdate, { pathParameters: { sku: 'TEA-1', updateId: 'nope' } }],
  ['GET /payments/{orderId}', getPayment, { pathParameters: { orderId: '1 OR 1=1' } }],
];

describe.each(readEndpoints)('%s', (_route, handler, request) => {
  it('answers malformed parameters with a 4xx problem', async () => {
    expectProblem(await invoke(handler, { ...request, claims: admin }));
  });
});

const someOrderId = { orderId: '7f1c2a9e-0d5b-4e8f-9a3b-6c2d1e0f4a5b' };
const callerEndpoints: [string, unknown, HttpEventOptions][] = [
  ['POST /orders', placeOrder, { method: 'POST', body: { lines: [{ sku: 'A', quantity: 1 }], paymentToken: 'tok_visa' } }],
  ['GET /orders/{orderId}', getOrder, { pathParameters: someOrderId }],
  ['GET /orders', listOrders, {}],
  ['GET /payments/{orderId}', getPayment, { pathParameters: someOrderId }],
];

describe.each(callerEndpoints)('%s without verified claims', (_route, handler, request) => {
  it('answers 401, never data', async () => {
    const response = await invoke(handler, request);
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toBe('application/problem+json');
  });
});
