import { createLocalJWKSet, importJWK, jwtVerify } from 'jose';
import { generateSigningKey, parseKeySet, publicKeySet, rotateKeySet } from '../../../functions/user/domain/signing-keys';
import { issueAccessToken } from '../../../functions/user/domain/tokens';

const settings = { issuer: 'https://issuer.test', audience: 'shop-api', ttlSeconds: 600 };

const tokenFrom = async (keySet: ReturnType<typeof rotateKeySet>) =>
  (
    await issueAccessToken('user-1', ['customer'], { kid: String(keySet.current.kid), privateKey: await importJWK(keySet.current, 'ES256') }, settings)
  ).accessToken;

describe('signing keys and access tokens', () => {
  it('signs tokens that verify against the published key set', async () => {
    const keySet = rotateKeySet(undefined, await generateSigningKey());
    const { payload } = await jwtVerify(await tokenFrom(keySet), createLocalJWKSet(publicKeySet(keySet)), settings);
    expect(payload).toMatchObject({ sub: 'user-1', roles: ['customer'], scope: 'customer' });
  });

  it('keeps verifying tokens of a replaced key after a rotation', async () => {
    const first = rotateKeySet(undefined, await generateSigningKey());
    const oldToken = await tokenFrom(first);
    const second = rotateKeySet(first, await generateSigningKey());
    expect(second.current.kid).not.toBe(first.current.kid);
    await expect(jwtVerify(oldToken, createLocalJWKSet(publicKeySet(second)), settings)).resolves.toBeDefined();
  });

  it('publishes no private key material and drops keys after two rotations', async () => {
    let keySet = rotateKeySet(undefined, await generateSigningKey());
    const firstKid = keySet.current.kid;
    for (let rotation = 0; rotation < 3; rotation++) keySet = rotateKeySet(keySet, await generateSigningKey());
    const published = publicKeySet(keySet).keys;
    expect(published).toHaveLength(3);
    expect(published.map((key) => key.kid)).not.toContain(firstKid);
    for (const key of published) expect(key).not.toHaveProperty('d');
  });

  it('rejects a token signed by a key that is not published', async () => {
    const published = rotateKeySet(undefined, await generateSigningKey());
    const stranger = rotateKeySet(undefined, await generateSigningKey());
    await expect(jwtVerify(await tokenFrom(stranger), createLocalJWKSet(publicKeySet(published)), settings)).rejects.toThrow();
  });

  it('reads only a well-formed key set from the secret', async () => {
    const keySet = rotateKeySet(undefined, await generateSigningKey());
    expect(parseKeySet(JSON.stringify(keySet))).toEqual(keySet);
    expect(parseKeySet('a random initial secret value')).toBeUndefined();
    expect(parseKeySet(JSON.stringify({ current: { kty: 'EC' }, previous: [] }))).toBeUndefined();
    expect(parseKeySet(undefined)).toBeUndefined();
  });
});
