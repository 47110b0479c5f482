import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import middy from '@middy/core';
import type { SecretsManagerRotationEvent } from 'aws-lambda';
import { importJWK, jwtVerify } from 'jose';
import { secretsManagerClient } from '#shared/clients';
import { observability } from '#shared/observability';
import { logger } from '#shared/powertools';
import { freshKeySet, isRevocation, parseKeySet, publicKeySet, publicPart, rotateKeySet } from '../domain/signing-keys';
import { issueAccessToken, signingAlgorithm } from '../domain/tokens';
import { keySecrets } from '../settings';

const pendingKeySet = async (secretId: string, token: string) => {
  const pending = await secretsManagerClient().send(
    new GetSecretValueCommand({ SecretId: secretId, VersionId: token, VersionStage: 'AWSPENDING' }),
  );
  const keySet = parseKeySet(pending.SecretString);
  if (!keySet) throw new Error('The pending secret version does not hold a signing key set');
  return keySet;
};

/**
 * Secrets Manager rotation for the token signing key, in its four steps. New RSA keys are made here,
 * so a private key is never seen by a person, a template or a deployment pipeline. A rotation whose
 * token starts with `revoke-` replaces every key (`npm run keys -- revoke`); any other promotes `next`.
 */
const stepsOf = {
  async createSecret(secretId: string, token: string) {
    const client = secretsManagerClient();
    try {
      await client.send(new GetSecretValueCommand({ SecretId: secretId, VersionId: token, VersionStage: 'AWSPENDING' }));
      return; // this rotation already created its key
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    const rotated = isRevocation(token)
      ? await freshKeySet()
      : await rotateKeySet(parseKeySet((await client.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: 'AWSCURRENT' }))).SecretString));
    await client.send(
      new PutSecretValueCommand({
        SecretId: secretId,
        ClientRequestToken: token,
        SecretString: JSON.stringify(rotated),
        VersionStages: ['AWSPENDING'],
      }),
    );
    logger.info('Created a new key set', { signingKid: rotated.current.kid, nextKid: rotated.next.kid, revocation: isRevocation(token) });
  },

  /**
   * Publishes the pending set's public halves before it becomes current: the key that will sign was
   * published already (as `next`), the replaced one stays for its tokens, and after a revocation no
   * old key is left.
   */
  async setSecret(secretId: string, token: string) {
    const published = publicKeySet(await pendingKeySet(secretId, token));
    await secretsManagerClient().send(
      new PutSecretValueCommand({ SecretId: keySecrets.verification(), SecretString: JSON.stringify(published) }),
    );
    logger.info('Published the verification keys', { kids: published.keys.map((key) => key.kid) });
  },

  async testSecret(secretId: string, token: string) {
    const keySet = await pendingKeySet(secretId, token);
    const settings = { issuer: 'rotation-test', audience: 'rotation-test', ttlSeconds: 60 };
    for (const key of [keySet.current, keySet.next]) {
      const { accessToken } = await issueAccessToken('rotation-test', [], { kid: String(key.kid), privateKey: key }, settings);
      await jwtVerify(accessToken, await importJWK(publicPart(key), signingAlgorithm), settings);
    }
  },

  async finishSecret(secretId: string, token: string) {
    const client = secretsManagerClient();
    const { VersionIdsToStages = {} } = await client.send(new DescribeSecretCommand({ SecretId: secretId }));
    const currentVersion = Object.keys(VersionIdsToStages).find((id) => VersionIdsToStages[id]?.includes('AWSCURRENT'));
    if (currentVersion === token) return;
    await client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: secretId,
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: token,
        RemoveFromVersionId: currentVersion,
      }),
    );
    logger.info('Signing key rotation finished', { versionId: token });
  },
};

const rotate = async ({ SecretId, ClientRequestToken, Step }: SecretsManagerRotationEvent) => {
  const { RotationEnabled, VersionIdsToStages = {} } = await secretsManagerClient().send(
    new DescribeSecretCommand({ SecretId }),
  );
  if (!RotationEnabled) throw new Error(`Rotation is not enabled for ${SecretId}`);
  const stages = VersionIdsToStages[ClientRequestToken];
  if (!stages) throw new Error(`Version ${ClientRequestToken} is not a version of ${SecretId}`);
  if (stages.includes('AWSCURRENT') && !stages.includes('AWSPENDING')) return; // already current
  if (!stages.includes('AWSPENDING')) throw new Error(`Version ${ClientRequestToken} is not pending rotation`);
  logger.info('Rotating the signing key', { step: Step });
  await stepsOf[Step](SecretId, ClientRequestToken);
};

export const handler = middy(rotate).use(observability());
