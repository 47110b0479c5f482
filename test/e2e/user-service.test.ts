import { generateKeyPair, SignJWT } from 'jose';
import { api } from './support/api-client';
import { adminCredentials, apiUrl } from './support/target';
import { login, registerUser, signedInUser, uniqueEmail } from './support/users';

const unauthorizedByGateway = { message: 'Unauthorized' };

describe('Registration', () => {
  it('creates an account: 201 with the user, the email normalized', async () => {
    const email = uniqueEmail('Mixed.Case').replace('example.com', 'Example.COM');
    const { data, response } = await api().POST('/auth/register', { body: { email, password: 'correct horse battery', name: '  Ada  ' } });
    expect(response.status).toBe(201);
    expect(data).toEqual({ userId: expect.any(String), email: email.toLowerCase(), name: 'Ada' });
  });

  it('rejects invalid input with 400 problem+json', async () => {
    const { response } = await api().POST('/auth/register', { body: { email: 'not-an-email', password: 'short', name: '' } });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('answers 409 for an email that is taken, whatever its case', async () => {
    const { email } = await registerUser();
    const again = await api().POST('/auth/register', { body: { email: email.toUpperCase(), password: 'another good password', name: 'B' } });
    expect(again.response.status).toBe(409);
  });

  it('gives exactly one 201 to concurrent registrations of one email', async () => {
    const email = uniqueEmail('race');
    const statuses = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        api().POST('/auth/register', { body: { email, password: 'correct horse battery', name: `Racer ${n}` } }).then((r) => r.response.status),
      ),
    );
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(3);
  });
});

describe('Login', () => {
  it('issues a bearer token', async () => {
    const user = await registerUser();
    const { data, response } = await api().POST('/auth/login', { body: { email: user.email, password: user.password } });
    expect(response.status).toBe(200);
    expect(data).toEqual({ accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), tokenType: 'Bearer', expiresIn: expect.any(Number) });
  });

  it('answers a wrong password and an unknown email alike: 401 with the same body', async () => {
    const user = await registerUser();
    const wrongPassword = await api().POST('/auth/login', { body: { email: user.email, password: 'not the password' } });
    const unknownEmail = await api().POST('/auth/login', { body: { email: uniqueEmail(), password: 'not the password' } });
    expect(wrongPassword.response.status).toBe(401);
    expect(unknownEmail.response.status).toBe(401);
    expect(wrongPassword.error).toEqual(unknownEmail.error);
  });
});

describe('The signed-in user', () => {
  it('reads their profile at /users/me', async () => {
    const { user, token } = await signedInUser();
    const { data, response } = await api(token).GET('/users/me');
    expect(response.status).toBe(200);
    expect(data).toEqual({ userId: user.userId, email: user.email, name: user.name, roles: ['customer'], createdAt: expect.any(String) });
  });

  it('renames themselves with PATCH /users/me', async () => {
    const { token } = await signedInUser();
    const patched = await api(token).PATCH('/users/me', { body: { name: 'Renamed' } });
    expect(patched.response.status).toBe(200);
    expect(patched.data?.name).toBe('Renamed');
    expect((await api(token).GET('/users/me')).data?.name).toBe('Renamed');
  });

  it('is an admin when an operator made them one (the seeded admin)', async () => {
    const { email, password } = adminCredentials();
    const { data, response } = await api(await login(email, password)).GET('/users/me');
    expect(response.status).toBe(200);
    expect(data?.roles).toContain('admin');
  });
});

describe('The gateway turns away requests without a valid token: 401 before any function runs', () => {
  const forged = async () => {
    const { token } = await signedInUser();
    const [header] = token.split('.');
    const { kid, alg } = JSON.parse(Buffer.from(header!, 'base64url').toString()) as { kid: string; alg: string };
    const { privateKey } = await generateKeyPair(alg);
    return new SignJWT({ roles: ['customer', 'admin'], scope: 'customer admin' })
      .setProtectedHeader({ alg, kid })
      .setIssuer(apiUrl())
      .setAudience('shop-api')
      .setSubject('someone-else')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
  };
  const tampered = async () => {
    const { token } = await signedInUser();
    const [header, payload, signature] = token.split('.');
    const claims = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'someone-else' };
    return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
  };

  it.each([
    ['no token', async () => undefined],
    ['a token that is no JWT', async () => 'garbage'],
    ['a token whose claims were changed after signing', tampered],
    ['a token signed by a key that is not the issuer\'s', forged],
  ])('%s', async (_, token) => {
    const client = api(await token());
    for (const { error, response } of [await client.GET('/users/me'), await client.PATCH('/users/me', { body: { name: 'Mallory' } })]) {
      expect(response.status).toBe(401);
      expect(error).toEqual(unauthorizedByGateway);
    }
  });
});

describe('The API description', () => {
  it('serves the OpenAPI document, with the API itself as server', async () => {
    const { data, response } = await api().GET('/openapi.json');
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ openapi: '3.1.0', servers: [{ url: apiUrl() }] });
    expect(Object.keys(data?.paths ?? {})).toContain('/orders/{orderId}');
  });

  it('serves a reference page rendered from it, with nothing to run and nothing loaded from elsewhere', async () => {
    const { data, response } = await api().GET('/docs', { parseAs: 'text' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(data).toContain('<code>/shop.v1.OrderService/GetOrder</code>');
    expect(data).not.toMatch(/<script|src="http/);
  });
});

describe('Token verification documents', () => {
  it('publishes the OpenID discovery document with the API as issuer', async () => {
    const { data, response } = await api().GET('/.well-known/openid-configuration');
    expect(response.status).toBe(200);
    expect(data?.issuer).toBe(apiUrl());
    expect(data?.jwks_uri).toBe(`${apiUrl()}/.well-known/jwks.json`);
  });

  it('publishes the public key that verifies tokens, and no private part', async () => {
    const { token } = await signedInUser();
    const { kid } = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid: string };
    const { data, response } = await api().GET('/.well-known/jwks.json');
    expect(response.status).toBe(200);
    expect(data?.keys.map((key) => key.kid)).toContain(kid);
    for (const key of data?.keys ?? []) expect(key).not.toHaveProperty('d');
  });
});
