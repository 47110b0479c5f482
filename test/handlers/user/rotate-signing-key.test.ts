import { CreateSecretCommand, GetSecretValueCommand, RotateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerRotationEvent } from 'aws-lambda';
import { createLocalJWKSet, importJWK, jwtVerify, SignJWT } from 'jose';
import { startSecretsManager, type RunningSecretsManager } from '../../../local/emulators/secrets-manager';
import { parseKeySet, publicKeySet } from '../../../functions/user/domain/signing-keys';
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
});

afterAll(async () => {
  client.destroy();
  await secretsManager.stop();
});

const currentKeySet = async (secretId: string) =>
  parseKeySet((await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString);

const rotateNow = (secretId: string) =>
  client.send(new RotateSecretCommand({ SecretId: secretId, RotationLambdaARN: 'arn:aws:lambda:us-east-1:000000000000:function:rotate' }));

describe('signing key rotation', () => {
  it('replaces the initial random value with a key set on the first rotation', async () => {
    const { ARN } = await client.send(new CreateSecretCommand({ Name: 'first-rotation', SecretString: 'random initial value' }));
    await rotateNow(ARN!);
    const keySet = await currentKeySet(ARN!);
    expect(keySet?.current).toMatchObject({ kty: 'RSA', alg: 'RS256', d: expect.any(String) });
    expect(keySet?.next).toMatchObject({ kty: 'RSA', alg: 'RS256', d: expect.any(String) });
    expect(keySet?.previous).toEqual([]);
  });

  it('signs with the pre-published key next, and keeps the replaced one published', async () => {
    const { ARN } = await client.send(new CreateSecretCommand({ Name: 'second-rotation', SecretString: 'x' }));
    await rotateNow(ARN!);
    const before = (await currentKeySet(ARN!))!;
    await rotateNow(ARN!);
    const after = (await currentKeySet(ARN!))!;
    expect(after.current.kid).toBe(before.next.kid);
    expect(after.previous.map((key) => key.kid)).toEqual([before.current.kid]);
    expect(after.previous[0]).not.toHaveProperty('d');
  });

  it('refuses a rotation token that Secrets Manager did not stage, changing nothing', async () => {
    const { ARN } = await client.send(new CreateSecretCommand({ Name: 'unstaged-token', SecretString: 'x' }));
    await rotateNow(ARN!);
    const before = (await currentKeySet(ARN!))!;
    await expect(
      rotate({ Step: 'createSecret', SecretId: ARN!, ClientRequestToken: 'not-staged' }, lambdaContext()),
    ).rejects.toThrow(/not a version/);
    expect((await currentKeySet(ARN!))!.current.kid).toBe(before.current.kid);
  });

  it('produces a key set whose published half verifies what its private key signs', async () => {
    const { ARN } = await client.send(new CreateSecretCommand({ Name: 'verifiable', SecretString: 'x' }));
    await rotateNow(ARN!);
    const keySet = (await currentKeySet(ARN!))!;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: String(keySet.current.kid) })
      .setAudience('a')
      .sign(await importJWK(keySet.current, 'RS256'));
    await expect(jwtVerify(token, createLocalJWKSet(publicKeySet(keySet)), { audience: 'a' })).resolves.toBeDefined();
  });
});
