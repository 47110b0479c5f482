import { CreateSecretCommand, GetSecretValueCommand, RotateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerRotationEvent } from 'aws-lambda';
import { createLocalJWKSet, importJWK, jwtVerify, SignJWT } from 'jose';
import { startSecretsManager, type RunningSecretsManager } from '../../../local/emulators/secrets-manager';
import { rotateSigningKeys } from '../../../scripts/operator/signing-key-rotation';
import { parseKeySet, parsePublicKeySet, type SigningKeySet } from '../../../functions/user/domain/signing-keys';
import { handler as rotate } from '../../../functions/user/handlers/rotate-signing-key';
import { lambdaContext } from '../support/http-event';

/** A Secrets Manager of its own, whose rotations invoke the rotation handler in-process. */
let secretsManager: RunningSecretsManager;
let client: SecretsManagerClient;

beforeAll(async () => {
  secretsManager = await startSecretsManager({
    invokeRotation: async (_arn, event) => {
      await rotate(event as SecretsManagerRotationEvent, lambdaContext('rotate-signing-key'));
    },
  });
  process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = secretsManager.endpoint;
  client = new SecretsManagerClient({});
  const { ARN } = await client.send(new CreateSecretCommand({ Name: 'verification-keys', SecretString: 'initial random value' }));
  process.env.VERIFICATION_KEYS_SECRET_ID = ARN;
});

afterAll(async () => {
  client.destroy();
  await secretsManager.stop();
});

const value = async (secretId: string) => (await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
const currentKeySet = async (secretId: string) => parseKeySet(await value(secretId));
/** The keys the JWKS function publishes: what the rotation wrote for it. */
const publishedKids = async () => parsePublicKeySet(await value(process.env.VERIFICATION_KEYS_SECRET_ID!))!.keys.map((key) => key.kid);

const rotateNow = (secretId: string) =>
  client.send(new RotateSecretCommand({ SecretId: secretId, RotationLambdaARN: 'arn:aws:lambda:us-east-1:000000000000:function:rotate' }));

const newSigningSecret = async (name: string) => {
  const { ARN } = await client.send(new CreateSecretCommand({ Name: name, SecretString: 'random initial value' }));
  await rotateNow(ARN!);
  return ARN!;
};

const tokenSignedBy = async (keySet: SigningKeySet, key: 'current' | 'next') =>
  new SignJWT({ scope: 'customer admin' })
    .setProtectedHeader({ alg: 'RS256', kid: String(keySet[key].kid) })
    .setAudience('a')
    .sign(await importJWK(keySet[key], 'RS256'));

const verifiesWithPublishedKeys = async (token: string) => {
  const keys = parsePublicKeySet(await value(process.env.VERIFICATION_KEYS_SECRET_ID!))!;
  return jwtVerify(token, createLocalJWKSet(keys), { audience: 'a' }).then(
    () => true,
    () => false,
  );
};

describe('signing key rotation', () => {
  it('replaces the initial random value with a key set on the first rotation, and publishes its public halves', async () => {
    const arn = await newSigningSecret('first-rotation');
    const keySet = await currentKeySet(arn);
    expect(keySet?.current).toMatchObject({ kty: 'RSA', alg: 'RS256', d: expect.any(String) });
    expect(keySet?.next).toMatchObject({ kty: 'RSA', alg: 'RS256', d: expect.any(String) });
    expect(keySet?.previous).toEqual([]);
    expect(await publishedKids()).toEqual([keySet!.current.kid, keySet!.next.kid]);
    expect(await value(process.env.VERIFICATION_KEYS_SECRET_ID!)).not.toContain('"d"');
  });

  it('signs with the pre-published key next, and keeps the replaced one published', async () => {
    const arn = await newSigningSecret('second-rotation');
    const before = (await currentKeySet(arn))!;
    await rotateNow(arn);
    const after = (await currentKeySet(arn))!;
    expect(after.current.kid).toBe(before.next.kid);
    expect(after.previous.map((key) => key.kid)).toEqual([before.current.kid]);
    expect(after.previous[0]).not.toHaveProperty('d');
    expect(await publishedKids()).toEqual([after.current.kid, after.next.kid, before.current.kid]);
  });

  it('drops a leaked `next` key from the JWKS at the third ordinary rotation after the leak', async () => {
    const arn = await newSigningSecret('leaked-next');
    const leaked = (await currentKeySet(arn))!;
    const forged = await tokenSignedBy(leaked, 'next');
    const stillAccepted: boolean[] = [];
    for (let rotation = 1; rotation <= 3; rotation++) {
      await rotateNow(arn);
      stillAccepted.push(await verifiesWithPublishedKeys(forged));
    }
    expect(stillAccepted).toEqual([true, true, false]);
  });

  it('replaces every key at once on a revocation: no token signed before verifies against what is published', async () => {
    const arn = await newSigningSecret('revoked');
    const leaked = (await currentKeySet(arn))!;
    const forgedWithCurrent = await tokenSignedBy(leaked, 'current');
    const forgedWithNext = await tokenSignedBy(leaked, 'next');

    const { versionId } = await rotateSigningKeys(client, arn, { revoke: true });

    const after = (await currentKeySet(arn))!;
    expect(versionId).toMatch(/^revoke-/);
    expect([after.current.kid, after.next.kid]).not.toContain(leaked.current.kid);
    expect([after.current.kid, after.next.kid]).not.toContain(leaked.next.kid);
    expect(after.previous).toEqual([]);
    expect(await publishedKids()).toEqual([after.current.kid, after.next.kid]);
    expect(await verifiesWithPublishedKeys(forgedWithCurrent)).toBe(false);
    expect(await verifiesWithPublishedKeys(forgedWithNext)).toBe(false);
    expect(await verifiesWithPublishedKeys(await tokenSignedBy(after, 'current'))).toBe(true);
  });

  it('refuses a rotation token that Secrets Manager did not stage, changing nothing', async () => {
    const arn = await newSigningSecret('unstaged-token');
    const before = (await currentKeySet(arn))!;
    await expect(
      rotate({ Step: 'createSecret', SecretId: arn, ClientRequestToken: 'not-staged' }, lambdaContext()),
    ).rejects.toThrow(/not a version/);
    expect((await currentKeySet(arn))!.current.kid).toBe(before.current.kid);
  });
});
