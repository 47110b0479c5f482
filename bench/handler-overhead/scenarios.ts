import type { Account } from '../support/shop-client';
import type { ApiCall } from './gateway-event';

/** What the HTTP handlers are called with: made once through the running app's own API. */
export interface Fixtures {
  readonly shopper: Account;
  readonly admin: Account;
  readonly sku: string;
  readonly orderId: string;
  readonly updateId: string;
}

/**
 * One typical, successful call per route (`__N__` becomes a number unique to each call). Where the
 * benchmark's app has no event sources running, some reads answer 404 (a payment, a processed stock
 * update): the report shows each route's status codes.
 */
export const scenarios: Record<string, (fixtures: Fixtures) => ApiCall> = {
  'POST /auth/register': () => ({ path: '/auth/register', body: { email: 'bench-__N__@example.com', password: 'correct horse battery', name: 'Bench' } }),
  'POST /auth/login': ({ shopper }) => ({ path: '/auth/login', body: { email: shopper.email, password: shopper.password } }),
  'GET /.well-known/openid-configuration': () => ({ path: '/.well-known/openid-configuration' }),
  'GET /.well-known/jwks.json': () => ({ path: '/.well-known/jwks.json' }),
  'GET /users/me': ({ shopper }) => ({ path: '/users/me', token: shopper.token }),
  'PATCH /users/me': ({ shopper }) => ({ path: '/users/me', token: shopper.token, body: { name: 'Bench __N__' } }),
  'GET /products': ({ shopper }) => ({ path: '/products', query: 'limit=25', token: shopper.token }),
  'GET /products/{sku}': ({ shopper, sku }) => ({ path: `/products/${sku}`, token: shopper.token }),
  'PUT /products/{sku}': ({ admin, sku }) => ({ path: `/products/${sku}`, token: admin.token, body: { name: 'Bench product', priceCents: 1000 } }),
  'POST /products/{sku}/stock-updates': ({ admin, sku }) => ({
    path: `/products/${sku}/stock-updates`,
    token: admin.token,
    body: { delta: 1, reason: 'benchmark' },
  }),
  'GET /products/{sku}/stock-updates/{updateId}': ({ admin, sku, updateId }) => ({ path: `/products/${sku}/stock-updates/${updateId}`, token: admin.token }),
  'POST /orders': ({ shopper, sku }) => ({ path: '/orders', token: shopper.token, body: { lines: [{ sku, quantity: 1 }], paymentToken: 'tok_visa' } }),
  'GET /orders/{orderId}': ({ shopper, orderId }) => ({ path: `/orders/${orderId}`, token: shopper.token }),
  'GET /orders': ({ shopper }) => ({ path: '/orders', query: 'limit=20', token: shopper.token }),
  'GET /payments/{orderId}': ({ shopper, orderId }) => ({ path: `/payments/${orderId}`, token: shopper.token }),
};
