import { createLocalJWKSet, importJWK, type JWK, jwtVerify } from 'jose';
import { parseKeySet, publicKeySet, rotateKeySet, type SigningKeySet } from '../../../functions/user/domain/signing-keys';
import { issueAccessToken } from '../../../functions/user/domain/tokens';

const settings = { issuer: 'https://issuer.test', audience: 'shop-api', ttlSeconds: 600 };

const tokenSignedBy = async (key: JWK) =>
  (await issueAccessToken('user-1', ['customer'], { kid: String(key.kid), privateKey: await importJWK(key, 'RS256') }, settings))
    .accessToken;

const verifiesAgainst = (token: string, keySet: SigningKeySet) => jwtVerify(token, createLocalJWKSet(publicKeySet(keySet)), settings);

describe('signing keys and access tokens', () => {
  let first: SigningKeySet;
  beforeAll(async () => {
    first = await rotateKeySet(undefined);
  });

  it('signs RS256 tokens that verify against the published key set', async () => {
    const { payload, protectedHeader } = await verifiesAgainst(await tokenSignedBy(first.current), first);
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: first.current.kid, typ: 'JWT' });
    expect(payload).toMatchObject({ sub: 'user-1', roles: ['customer'], scope: 'customer' });
  });

  it('publishes the next key before it signs anything, and signs with it after a rotation', async () => {
    expect(publicKeySet(first).keys.map((key) => key.kid)).toContain(first.next.kid);
    const second = await rotateKeySet(first);
    expect(second.current).toEqual(first.next);
    expect(second.next.kid).not.toBe(first.next.kid);
  });

  it('keeps verifying tokens of a replaced key after a rotation', async () => {
    const oldToken = await tokenSignedBy(first.current);
    await expect(verifiesAgainst(oldToken, await rotateKeySet(first))).resolves.toBeDefined();
  });

  it('publishes no private key material, and drops a replaced key at the rotation after the one that replaced it', async () => {
    const once = await rotateKeySet(first);
    expect(publicKeySet(once).keys.map((key) => key.kid)).toContain(first.current.kid);
    const twice = await rotateKeySet(once);
    const published = publicKeySet(twice).keys;
    expect(published).toHaveLength(3); // the signing key, the next one, the one replaced last
    expect(published.map((key) => key.kid)).not.toContain(first.current.kid);
    for (const key of published) {
      expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', n: expect.any(String), e: 'AQAB' });
      for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(key).not.toHaveProperty(member);
    }
  });

  it('rejects a token signed by a key that is not published', async () => {
    const stranger = await rotateKeySet(undefined);
    await expect(verifiesAgainst(await tokenSignedBy(stranger.current), first)).rejects.toThrow();
  });

  it('reads only a well-formed key set from the secret', () => {
    expect(parseKeySet(JSON.stringify(first))).toEqual(first);
    expect(parseKeySet('a random initial secret value')).toBeUndefined();
    expect(parseKeySet(JSON.stringify({ current: first.current, previous: [] }))).toBeUndefined();
    expect(parseKeySet(JSON.stringify({ ...first, current: { kty: 'RSA' } }))).toBeUndefined();
    expect(parseKeySet(undefined)).toBeUndefined();
  });
});
