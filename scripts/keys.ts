/**
 * `npm run keys -- <rotate|revoke> [--secret <signing key secret>] [--api <API URL>]`, with AWS
 * credentials:
 * - `rotate`: an ordinary rotation now (the published `next` key starts signing; nobody is logged out).
 * - `revoke`: the emergency rotation after a suspected key leak. Every key is replaced and the old ones
 *   leave the JWKS at once; every token issued before stops working, so everybody logs in again.
 * With `--api` (or the Platform stack's ApiUrl), it then waits until the public JWKS no longer lists
 * the old keys. What happens next at the gateway, and the whole runbook: docs/security.md.
 */
import { parseArgs } from 'node:util';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { sleep } from '../functions/shared/backoff';
import { rotateSigningKeys } from './operator/signing-key-rotation';
import { physicalIdOf } from './operator/stack-resources';

const usage = 'Usage: npm run keys -- <rotate|revoke> [--secret <TokenSigningKey secret id>] [--api <API URL>]';

const publishedKids = async (api: string): Promise<string[]> => {
  const response = await fetch(`${api.replace(/\/$/, '')}/.well-known/jwks.json`);
  if (!response.ok) throw new Error(`GET ${api}/.well-known/jwks.json answered ${response.status}`);
  return ((await response.json()) as { keys: { kid: string }[] }).keys.map((key) => key.kid);
};

const deployedApiUrl = async (): Promise<string | undefined> => {
  const client = new CloudFormationClient({});
  try {
    const { Stacks = [] } = await client.send(new DescribeStacksCommand({ StackName: 'Platform' }));
    return Stacks[0]?.Outputs?.find((output) => output.OutputKey === 'ApiUrl')?.OutputValue;
  } finally {
    client.destroy();
  }
};

const main = async () => {
  // The lock file pins SDK releases that support Node 20; their reminder about later ones is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { secret: { type: 'string' }, api: { type: 'string' } } });
  const [action] = positionals;
  if (action !== 'rotate' && action !== 'revoke') throw new Error(usage);
  const secretId = values.secret ?? (await physicalIdOf('UserService', 'TokenSigningKey', 'AWS::SecretsManager::Secret'));
  const api = values.api ?? (values.secret ? undefined : await deployedApiUrl());
  const before = api ? await publishedKids(api) : [];

  const client = new SecretsManagerClient({});
  try {
    const { versionId, seconds } = await rotateSigningKeys(client, secretId, { revoke: action === 'revoke' });
    console.log(`${action === 'revoke' ? 'Revoked every key' : 'Rotated'}: version ${versionId} is current after ${seconds.toFixed(1)} s.`);
  } finally {
    client.destroy();
  }
  if (action === 'rotate') return;
  if (!api) {
    console.log('Pass --api <API URL> to wait until the JWKS no longer lists the old keys (within a minute).');
    return;
  }
  const started = Date.now();
  while ((await publishedKids(api)).some((kid) => before.includes(kid))) {
    if (Date.now() - started > 180_000) throw new Error('The JWKS still lists an old key after 3 minutes: see the Jwks function\'s logs');
    await sleep(5000);
  }
  console.log(`The JWKS lists none of the old keys (${before.join(', ')}) after ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  console.log('API Gateway drops them when its key cache expires: within an hour at most (docs/security.md, "A leaked signing key").');
};

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
