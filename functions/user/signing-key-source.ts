import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { importJWK } from 'jose';
import { secretsManagerClient } from '#shared/clients';
import { lazily } from '#shared/lazy';
import { serviceUnavailable } from '#shared/problem';
import { type PublicKeySet, parseKeySet, parsePublicKeySet, type SigningKeySet } from './domain/signing-keys';
import { type SigningKey, signingAlgorithm } from './domain/tokens';
import { keySecrets } from './settings';

/**
 * Keys are re-read at most every minute, so a rotation or a revocation reaches every execution
 * environment within a minute (docs/security.md gives the whole time until old keys stop verifying).
 */
const cacheSeconds = 60;

/** Reads through the shared (traced) client rather than one of its own. */
const secrets = lazily(() => new SecretsProvider({ awsSdkV3Client: secretsManagerClient() }));

const notProvisioned = () => serviceUnavailable('The token signing key is not provisioned yet; retry shortly.');

/** The private keys: only the login (and the rotation) may read them. */
const loadKeySet = async (): Promise<SigningKeySet> => {
  const keySet = parseKeySet(await secrets().get<string>(keySecrets.signing(), { maxAge: cacheSeconds }));
  if (!keySet) throw notProvisioned();
  return keySet;
};

/** The public halves, from a secret of their own that the rotation writes: the JWKS never reads a private key. */
export const loadPublicKeySet = async (): Promise<PublicKeySet> => {
  const keySet = parsePublicKeySet(await secrets().get<string>(keySecrets.verification(), { maxAge: cacheSeconds }));
  if (!keySet) throw notProvisioned();
  return keySet;
};

const imported = new Map<string, Promise<SigningKey>>();

export const currentSigningKey = async (): Promise<SigningKey> => {
  const { current } = await loadKeySet();
  const kid = String(current.kid);
  let key = imported.get(kid);
  if (!key) {
    key = importJWK(current, signingAlgorithm).then((privateKey) => ({ kid, privateKey }));
    imported.set(kid, key);
  }
  return key;
};
