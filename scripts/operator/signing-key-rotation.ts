import { randomUUID } from 'node:crypto';
import { DescribeSecretCommand, RotateSecretCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { sleep } from '../../functions/shared/backoff';
import { revocationPrefix } from '../../functions/user/domain/signing-keys';

export interface RotationResult {
  readonly versionId: string;
  /** Seconds from the request until the new keys were current. */
  readonly seconds: number;
}

/**
 * Rotates the token signing keys now, through Secrets Manager and the stack's rotation function. An
 * ordinary rotation promotes the published `next` key; a revocation (`revoke`) replaces every key and
 * drops the old ones from the JWKS at once. Returns once the new version is current.
 */
export const rotateSigningKeys = async (
  client: SecretsManagerClient,
  secretId: string,
  options: { revoke: boolean; timeoutMs?: number },
): Promise<RotationResult> => {
  const started = Date.now();
  const versionId = `${options.revoke ? revocationPrefix : 'rotate-'}${randomUUID()}`;
  await client.send(new RotateSecretCommand({ SecretId: secretId, ClientRequestToken: versionId, RotateImmediately: true }));
  const deadline = started + (options.timeoutMs ?? 300_000);
  for (;;) {
    const { VersionIdsToStages = {} } = await client.send(new DescribeSecretCommand({ SecretId: secretId }));
    if (VersionIdsToStages[versionId]?.includes('AWSCURRENT')) return { versionId, seconds: (Date.now() - started) / 1000 };
    if (Date.now() > deadline) {
      throw new Error(`Version ${versionId} of ${secretId} is not current after ${options.timeoutMs ?? 300_000} ms: see the RotateSigningKey function's logs`);
    }
    await sleep(1000);
  }
};
