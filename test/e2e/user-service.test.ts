import { generateKeyPair, SignJWT } from 'jose';
import { request } from './support/http';
import { adminCredentials, apiUrl } from './support/target';
import { login, registerUser, signedInUser, uniqueEmail } from './support/users';

jest.setTimeout(30_000);

const unauthorizedByGateway = { message: 'Unauthorized' };

describe('Registration', () => {
  it('creates an account: 201 with the user, the email normalized', async () => {
    const email = uniqueEmail('Mixed.Case').replace('example.com', 'Example.COM');
    const response = await request<Record<string, unknown>>(apiUrl(), 'POST', '/auth/register', {
      body: { email, password: 'correct horse battery', name: '  Ada  ' },
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ userId: expect.any(String), email: email.toLowerCase(), name: 'Ada' });
  });

  it('rejects invalid input with 400 problem+json', async () => {
    const response = await request(apiUrl(), 'POST', '/auth/register', { body: { email: 'not-an-email', password: 'short', name: '' } });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('answers 409 for an email that is taken, whatever its case', async () => {
    const { email } = await registerUser();
    const again = await request(apiUrl(), 'POST', '/auth/register', { body: { email: email.toUpperCase(), password: 'another good password', name: 'B' } });
    expect(again.status).toBe(409);
  });

  it('gives exactly one 201 to concurrent registrations of one email', async () => {
    const email = uniqueEmail('race');
    const statuses = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        request(apiUrl(), 'POST', '/auth/register', { body: { email, password: 'correct horse battery', name: `Racer ${n}` } }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(3);
  });
});

describe('Login', () => {
  it('issues a bearer token', async () => {
    const user = await registerUser();
    const response = await request(apiUrl(), 'POST', '/auth/login', { body: { email: user.email, password: user.password } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), tokenType: 'Bearer', expiresIn: expect.any(Number) });
  });

  it('answers a wrong password and an unknown email alike: 401 with the same body', async () => {
    const user = await registerUser();
    const wrongPassword = await request(apiUrl(), 'POST', '/auth/login', { body: { email: user.email, password: 'not the password' } });
    const unknownEmail = await request(apiUrl(), 'POST', '/auth/login', { body: { email: uniqueEmail(), password: 'not the password' } });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body).toEqual(unknownEmail.body);
  });
});

describe('The signed-in user', () => {
  it('reads their profile at /users/me', async () => {
    const { user, token } = await signedInUser();
    const response = await request(apiUrl(), 'GET', '/users/me', { token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ userId: user.userId, email: user.email, name: user.name, roles: ['customer'], createdAt: expect.any(String) });
  });

  it('renames themselves with PATCH /users/me', async () => {
    const { token } = await signedInUser();
    const patched = await request<{ name: string }>(apiUrl(), 'PATCH', '/users/me', { token, body: { name: 'Renamed' } });
    expect(patched.status).toBe(200);
    expect(patched.body.name).toBe('Renamed');
    expect((await request<{ name: string }>(apiUrl(), 'GET', '/users/me', { token })).body.name).toBe('Renamed');
  });

  it('is an admin when an operator made them one (the seeded admin)', async () => {
    const { email, password } = adminCredentials();
    const response = await request<{ roles: string[] }>(apiUrl(), 'GET', '/users/me', { token: await login(email, password) });
    expect(response.status).toBe(200);
    expect(response.body.roles).toContain('admin');
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
    for (const [method, body] of [['GET', undefined], ['PATCH', { name: 'Mallory' }]] as const) {
      const response = await request(apiUrl(), method, '/users/me', { token: await token(), body });
      expect(response.status).toBe(401);
      expect(response.body).toEqual(unauthorizedByGateway);
    }
  });
});

describe('Token verification documents', () => {
  it('publishes the OpenID discovery document with the API as issuer', async () => {
    const response = await request<{ issuer: string; jwks_uri: string }>(apiUrl(), 'GET', '/.well-known/openid-configuration');
    expect(response.status).toBe(200);
    expect(response.body.issuer).toBe(apiUrl());
    expect(response.body.jwks_uri).toBe(`${apiUrl()}/.well-known/jwks.json`);
  });

  it('publishes the public key that verifies tokens, and no private part', async () => {
    const { token } = await signedInUser();
    const { kid } = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid: string };
    const response = await request<{ keys: Record<string, unknown>[] }>(apiUrl(), 'GET', '/.well-known/jwks.json');
    expect(response.status).toBe(200);
    expect(response.body.keys.map((key) => key.kid)).toContain(kid);
    for (const key of response.body.keys) expect(key).not.toHaveProperty('d');
  });
});
