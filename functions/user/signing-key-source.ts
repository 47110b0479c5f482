import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { importJWK } from 'jose';
import { secretsManagerClient } from '#shared/clients';
import { lazily } from '#shared/lazy';
import { serviceUnavailable } from '#shared/problem';
import { parseKeySet, type SigningKeySet } from './domain/signing-keys';
import { type SigningKey, signingAlgorithm } from './domain/tokens';
import { userSettings } from './settings';

/** The key set is re-read at most every five minutes, so a rotation reaches every environment quickly. */
const cacheSeconds = 300;

/** Reads through the shared (traced) client rather than one of its own. */
const secrets = lazily(() => new SecretsProvider({ awsSdkV3Client: secretsManagerClient() }));

export const loadKeySet = async (): Promise<SigningKeySet> => {
  const value = await secrets().get<string>(userSettings().signingKeySecretId, { maxAge: cacheSeconds });
  const keySet = parseKeySet(value);
  if (!keySet) throw serviceUnavailable('The token signing key is not provisioned yet; retry shortly.');
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
