import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { handler as getMe } from '../../../functions/user/handlers/get-me';
import { handler as jwks } from '../../../functions/user/handlers/jwks';
import { handler as login } from '../../../functions/user/handlers/login';
import { handler as openIdConfiguration } from '../../../functions/user/handlers/openid-configuration';
import { handler as register } from '../../../functions/user/handlers/register';
import { handler as updateMe } from '../../../functions/user/handlers/update-me';
import { invoke } from '../support/http-event';
import { audience, issuer, operatorMadeAdmin, prepareUserService } from './user-environment';

let tableName: string;
beforeAll(async () => {
  ({ tableName } = await prepareUserService());
});

let sequence = 0;
const uniqueEmail = () => `user${++sequence}.${Date.now()}@example.test`;
const password = 'correct horse battery';

const registerUser = (email = uniqueEmail(), name = 'Ada Lovelace') =>
  invoke(register, { method: 'POST', path: '/auth/register', body: { email, password, name } });

const loginAs = (email: string, secret = password) =>
  invoke(login, { method: 'POST', path: '/auth/login', body: { email, password: secret } });

const verifyWithPublishedKeys = async (token: string) => {
  const keys = await invoke(jwks, { path: '/.well-known/jwks.json' });
  return jwtVerify(token, createLocalJWKSet(keys.body), { issuer, audience });
};

describe('registration', () => {
  it('creates a user and answers 201 without the password', async () => {
    const email = uniqueEmail();
    const response = await registerUser(email, '  Grace Hopper ');
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ userId: expect.any(String), email, name: 'Grace Hopper' });
    expect(JSON.stringify(response.body)).not.toContain(password);
  });

  it('rejects an email that differs only in case with 409', async () => {
    const email = uniqueEmail();
    expect((await registerUser(email)).status).toBe(201);
    const again = await registerUser(email.toUpperCase());
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toBe('application/problem+json');
  });

  it('gives exactly one 201 when registrations of one email race', async () => {
    const email = uniqueEmail();
    const responses = await Promise.all(Array.from({ length: 8 }, () => registerUser(email)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
  });

  it.each([
    ['a malformed email', { email: 'not-an-email', password, name: 'A' }, '#/email'],
    ['a short password', { email: 'short@example.test', password: 'elevenchars', name: 'A' }, '#/password'],
    ['a missing name', { email: 'noname@example.test', password }, '#/name'],
    ['a blank name', { email: 'blank@example.test', password, name: '   ' }, '#/name'],
    ['an unknown field', { email: 'extra@example.test', password, name: 'A', admin: true }, '#/admin'],
  ])('rejects %s with 400 pointing at the field', async (_case, body, pointer) => {
    const response = await invoke(register, { method: 'POST', path: '/auth/register', body });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { pointer: string }) => error.pointer)).toContain(pointer);
  });
});

describe('login', () => {
  it('issues a verifiable RS256 token with the standard claims', async () => {
    const email = uniqueEmail();
    const { body: user } = await registerUser(email);
    const response = await loginAs(email.toUpperCase());
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });
    expect(response.headers['cache-control']).toBe('no-store');

    const { payload, protectedHeader } = await verifyWithPublishedKeys(response.body.accessToken);
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({ sub: user.userId, iss: issuer, aud: audience, roles: ['customer'], scope: 'customer' });
    expect(payload.exp! - payload.iat!).toBe(900); // 15 minutes: also how long a revoked role lives on
    expect(payload.jti).toEqual(expect.any(String));
  });

  it('gives no role for an email: whoever registers admin@… is a customer', async () => {
    const email = `admin@${Date.now()}.example.test`;
    await registerUser(email);
    const { body } = await loginAs(email);
    expect(decodeJwt(body.accessToken)).toMatchObject({ roles: ['customer'], scope: 'customer' });
  });

  it('gives the admin role to an account an operator made an admin', async () => {
    const admin = await operatorMadeAdmin(tableName);
    const { body } = await loginAs(admin.email.toUpperCase(), admin.password);
    expect(decodeJwt(body.accessToken)).toMatchObject({ sub: admin.user.userId, roles: ['customer', 'admin'], scope: 'customer admin' });
  });

  it('answers an unknown email and a wrong password with the same 401', async () => {
    const email = uniqueEmail();
    await registerUser(email);
    const wrongPassword = await loginAs(email, 'not the password at all');
    const unknownEmail = await loginAs(uniqueEmail());
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(unknownEmail.body).toEqual(wrongPassword.body);
  });
});

describe('discovery documents', () => {
  it('publishes the issuer and where its keys are', async () => {
    const response = await invoke(openIdConfiguration, { path: '/.well-known/openid-configuration' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ issuer, jwks_uri: `${issuer}/.well-known/jwks.json` });
  });

  it('publishes public keys only', async () => {
    const response = await invoke(jwks, { path: '/.well-known/jwks.json' });
    expect(response.body.keys).toHaveLength(2); // the signing key and the next one
    for (const key of response.body.keys) {
      expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) });
      expect(key).not.toHaveProperty('d');
    }
  });
});

describe('/users/me', () => {
  const claimsOf = (userId: string) => ({ sub: userId, roles: '[customer]', scope: 'customer' });

  it('returns the caller from the verified claims', async () => {
    const email = uniqueEmail();
    const { body: user } = await registerUser(email, 'Alan Turing');
    const response = await invoke(getMe, { path: '/users/me', claims: claimsOf(user.userId) });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ userId: user.userId, email, name: 'Alan Turing', roles: ['customer'], createdAt: expect.any(String) });
    expect(response.body).not.toHaveProperty('passwordHash');
  });

  it('renames the caller, ignoring any user id in the request', async () => {
    const { body: user } = await registerUser();
    const { body: other } = await registerUser();
    const response = await invoke(updateMe, {
      method: 'PATCH',
      path: '/users/me',
      pathParameters: { userId: other.userId },
      body: { name: 'Renamed' },
      claims: claimsOf(user.userId),
    });
    expect(response.status).toBe(200);
    expect(response.body.name).toBe('Renamed');
    expect((await invoke(getMe, { claims: claimsOf(other.userId) })).body.name).toBe('Ada Lovelace');
  });

  it('refuses a userId in the body', async () => {
    const { body: user } = await registerUser();
    const response = await invoke(updateMe, {
      method: 'PATCH',
      body: { name: 'X', userId: 'someone-else' },
      claims: claimsOf(user.userId),
    });
    expect(response.status).toBe(400);
  });

  it('answers 401 when the gateway passed no verified claims', async () => {
    const response = await invoke(getMe, { path: '/users/me' });
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  it('answers 404 for a token whose user no longer exists', async () => {
    const response = await invoke(getMe, { claims: claimsOf('00000000-0000-0000-0000-000000000000') });
    expect(response.status).toBe(404);
  });
});
