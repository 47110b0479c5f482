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
import { parseKeySet, publicPart, rotateKeySet } from '../domain/signing-keys';
import { issueAccessToken, signingAlgorithm } from '../domain/tokens';

/**
 * Secrets Manager rotation for the token signing key, in its four steps. New RSA keys are made here,
 * so a private key is never seen by a person, a template or a deployment pipeline.
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
    const current = await client.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: 'AWSCURRENT' }));
    const rotated = await rotateKeySet(parseKeySet(current.SecretString));
    await client.send(
      new PutSecretValueCommand({
        SecretId: secretId,
        ClientRequestToken: token,
        SecretString: JSON.stringify(rotated),
        VersionStages: ['AWSPENDING'],
      }),
    );
    logger.info('Created a new key set', { signingKid: rotated.current.kid, nextKid: rotated.next.kid });
  },

  // Nothing outside this secret holds the key: the JWKS endpoint reads it from here.
  async setSecret() {},

  async testSecret(secretId: string, token: string) {
    const pending = await secretsManagerClient().send(
      new GetSecretValueCommand({ SecretId: secretId, VersionId: token, VersionStage: 'AWSPENDING' }),
    );
    const keySet = parseKeySet(pending.SecretString);
    if (!keySet) throw new Error('The pending secret version does not hold a signing key set');
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
