/**
 * Every route of the API, with a concrete path to call it at. The infrastructure tests check this list
 * against the synthesized templates, so a new route cannot escape the bad-input sweep.
 */
export const routes = [
  { key: 'POST /auth/register', path: '/auth/register' },
  { key: 'POST /auth/login', path: '/auth/login' },
  { key: 'GET /.well-known/openid-configuration', path: '/.well-known/openid-configuration' },
  { key: 'GET /.well-known/jwks.json', path: '/.well-known/jwks.json' },
  { key: 'GET /users/me', path: '/users/me' },
  { key: 'PATCH /users/me', path: '/users/me' },
  { key: 'PUT /users/{userId}/roles', path: '/users/{id}/roles' },
  { key: 'POST /orders', path: '/orders' },
  { key: 'GET /orders/{orderId}', path: '/orders/{id}' },
  { key: 'GET /orders', path: '/orders' },
  { key: 'GET /products', path: '/products' },
  { key: 'GET /products/{sku}', path: '/products/{id}' },
  { key: 'PUT /products/{sku}', path: '/products/{id}' },
  { key: 'POST /products/{sku}/stock-updates', path: '/products/{id}/stock-updates' },
  { key: 'GET /products/{sku}/stock-updates/{updateId}', path: '/products/{id}/stock-updates/{id}' },
  { key: 'GET /payments/{orderId}', path: '/payments/{id}' },
] as const;
