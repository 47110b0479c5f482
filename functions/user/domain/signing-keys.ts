import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { signingAlgorithm } from './tokens';

/**
 * The token signing keys, as kept in the secret: the private key that signs today, and the public
 * halves of the keys it replaced, so tokens signed before a rotation verify until they expire.
 */
export interface SigningKeySet {
  readonly current: JWK;
  readonly previous: JWK[];
}

/** How many replaced keys stay published. One suffices while tokens live shorter than the rotation period. */
const retiredKeysKept = 2;

const publicPart = ({ kty, crv, x, y, kid, alg, use }: JWK): JWK => ({ kty, crv, x, y, kid, alg, use });

export const generateSigningKey = async (): Promise<JWK> => {
  const { privateKey } = await generateKeyPair(signingAlgorithm, { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { ...jwk, kid, alg: signingAlgorithm, use: 'sig' };
};

/** The set after a rotation: the new key signs; the old one is published until it has aged out. */
export const rotateKeySet = (existing: SigningKeySet | undefined, next: JWK): SigningKeySet => ({
  current: next,
  previous: existing ? [publicPart(existing.current), ...existing.previous].slice(0, retiredKeysKept) : [],
});

/** The JSON Web Key Set anyone may fetch to verify tokens: public halves only. */
export const publicKeySet = (set: SigningKeySet): { keys: JWK[] } => ({
  keys: [publicPart(set.current), ...set.previous.map(publicPart)],
});

/** Reads a secret value as a key set; anything else (such as the secret's initial random value) is none. */
export const parseKeySet = (value: string | undefined): SigningKeySet | undefined => {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(value) as Partial<SigningKeySet>;
    return parsed.current?.d && Array.isArray(parsed.previous) ? (parsed as SigningKeySet) : undefined;
  } catch {
    return undefined;
  }
};
