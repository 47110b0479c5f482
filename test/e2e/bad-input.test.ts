import { request, type RequestOptions } from './support/http';
import { paginatedRoutes } from './support/forged-page-tokens';
import { routes } from './support/routes';
import { adminCredentials, apiUrl } from './support/target';
import { login } from './support/users';

/**
 * Bad input, sent to every route over HTTP: each answer is a 4xx with a JSON body, never a 5xx.
 * The admin's token lets each request reach its handler (a customer's would stop at the gateway's 403).
 */
const bodies: [string, RequestOptions][] = [
  ['malformed JSON', { body: '{"name": ', headers: { 'content-type': 'application/json' } }],
  ['a JSON array', { body: '[1, 2]', headers: { 'content-type': 'application/json' } }],
  ['JSON null', { body: 'null', headers: { 'content-type': 'application/json' } }],
  ['wrong types', { body: { email: 1, password: [], name: {}, lines: 'many', paymentToken: 7, priceCents: '12', delta: 'x' } }],
  ['unknown fields', { body: { isAdmin: true, userId: 'someone-else' } }],
  ['an oversized body', { body: { name: 'x'.repeat(300_000) } }],
  ['a form body', { body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
  ['plain text', { body: 'hello', headers: { 'content-type': 'text/plain' } }],
  ['an empty JSON body', { body: '', headers: { 'content-type': 'application/json' } }],
];

const oddIds = ['%00', 'not%20an%20id', 'x'.repeat(2000), '..%2F..%2Fetc', '%F0%9F%92%A5', "'%20OR%201=1"];
const oddQueries = ['?limit=-1', '?limit=abc', '?limit=100000', '?nextToken=garbage', '?nextToken=eyJmb28iOjF9', '?limit=1&limit=2'];

let token: string;
beforeAll(async () => {
  const { email, password } = adminCredentials();
  token = await login(email, password);
});

const expectClientError = async (method: string, path: string, options: RequestOptions) => {
  const response = await request(apiUrl(), method, path, { token, ...options });
  const context = `${method} ${path.slice(0, 80)} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 200)}`;
  expect({ context, clientError: response.status >= 400 && response.status < 500 }).toEqual({ context, clientError: true });
  expect(response.headers.get('content-type')).toMatch(/json/);
};

const withIds = (path: string, id: string) => path.replaceAll('{id}', id);

describe.each(routes.filter((route) => !route.key.startsWith('GET')))('$key', ({ key, path }) => {
  const method = key.split(' ')[0]!;
  it.each(bodies)('answers %s with a 4xx', async (_case, options) => {
    await expectClientError(method, withIds(path, 'BAD-INPUT-SKU'), options);
  });
});

describe.each(routes.filter((route) => route.path.includes('{id}')))('$key', ({ key, path }) => {
  const method = key.split(' ')[0]!;
  it.each(oddIds)('answers the path parameter %s with a 4xx', async (id) => {
    await expectClientError(method, withIds(path, id), method === 'GET' ? {} : { body: {} });
  });
});

describe.each(routes.filter((route) => (paginatedRoutes as readonly string[]).includes(route.key)))('$key', ({ path }) => {
  it.each(oddQueries)('answers the query %s with a 4xx', async (query) => {
    await expectClientError('GET', `${path}${query}`, {});
  });
});
