import { adminToken, call, newShopper, placeOrder, uniqueSku } from './saga/shop';
import { forgedPageTokens, type PaginatedRoute, paginatedRoutes } from './support/forged-page-tokens';
import { login, registerUser, uniqueEmail } from './support/users';

jest.setTimeout(60_000);

const userIdOf = async (token: string) => (await call('GET', '/users/me', { token })).body.userId as string;
const canSaveProducts = async (token: string) =>
  (await call('PUT', `/products/${uniqueSku('ROLE')}`, { token, body: { name: 'Role check', priceCents: 100 } })).status;

describe('Admins are made by operators, never by a public route', () => {
  it('registering any email, admin@… included, gives a customer who cannot act as an admin', async () => {
    const user = await registerUser({ email: uniqueEmail('admin') });
    const token = await login(user.email, user.password);
    expect((await call('GET', '/users/me', { token })).body.roles).toEqual(['customer']);
    expect(await canSaveProducts(token)).toBe(403);
  });

  it('an admin grants and takes back the admin role with PUT /users/{userId}/roles: the next token carries it, or not', async () => {
    const admin = await adminToken();
    const user = await registerUser();
    const userId = await userIdOf(await login(user.email, user.password));

    const granted = await call('PUT', `/users/${userId}/roles`, { token: admin, body: { roles: ['customer', 'admin'] } });
    expect(granted.status).toBe(200);
    expect(granted.body.roles).toEqual(['customer', 'admin']);
    expect(await canSaveProducts(await login(user.email, user.password))).toBe(201);

    const revoked = await call('PUT', `/users/${userId}/roles`, { token: admin, body: { roles: ['customer'] } });
    expect(revoked.body.roles).toEqual(['customer']);
    expect(await canSaveProducts(await login(user.email, user.password))).toBe(403);
  });

  it('a customer cannot change roles, their own included: the gateway answers 403', async () => {
    const user = await registerUser();
    const token = await login(user.email, user.password);
    const response = await call('PUT', `/users/${await userIdOf(token)}/roles`, { token, body: { roles: ['customer', 'admin'] } });
    expect(response.status).toBe(403);
  });
});

describe('Password guessing', () => {
  it('is answered 429 with Retry-After after ten failures, even for the right password, and for that account only', async () => {
    const guessed = await registerUser();
    const other = await registerUser();
    for (let n = 0; n < 10; n++) {
      const response = await call('POST', '/auth/login', { body: { email: guessed.email, password: `guess number ${n}` } });
      expect(response.status).toBe(401);
    }
    const refused = await call('POST', '/auth/login', { body: { email: guessed.email, password: guessed.password } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await call('POST', '/auth/login', { body: { email: other.email, password: other.password } })).status).toBe(200);
  });
});

describe('Forged page tokens', () => {
  /** A listing with at least two items, and the token of its second page. */
  const genuineToken = async (route: PaginatedRoute, token: string) => {
    const path = route.split(' ')[1]!;
    const page = await call('GET', `${path}?limit=1`, { token });
    expect(page.status).toBe(200);
    return page.body.nextToken as string;
  };

  it.each(paginatedRoutes)('%s answers every forged token with 400 problem+json, never a 500', async (route) => {
    const shopper = await newShopper();
    if (route === 'GET /orders') for (let n = 0; n < 2; n++) await placeOrder(shopper, [{ sku: uniqueSku(), quantity: 1 }]);
    else for (let n = 0; n < 2; n++) expect(await canSaveProducts(await adminToken())).toBe(201);
    const path = route.split(' ')[1]!;
    for (const [name, nextToken] of forgedPageTokens(route, await genuineToken(route, shopper.token), shopper.userId)) {
      const response = await call('GET', `${path}?nextToken=${encodeURIComponent(nextToken)}`, { token: shopper.token });
      expect({ name, status: response.status, type: response.headers.get('content-type') }).toEqual({ name, status: 400, type: 'application/problem+json' });
    }
  });

  it("GET /orders refuses another customer's genuine token", async () => {
    const owner = await newShopper();
    for (let n = 0; n < 2; n++) await placeOrder(owner, [{ sku: uniqueSku(), quantity: 1 }]);
    const stolen = await genuineToken('GET /orders', owner.token);
    const thief = await newShopper();
    expect((await call('GET', `/orders?nextToken=${encodeURIComponent(stolen)}`, { token: thief.token })).status).toBe(400);
  });
});
