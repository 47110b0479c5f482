import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { signingAlgorithm } from './tokens';

/**
 * The token signing keys, as kept in the secret:
 * - `current` signs tokens today;
 * - `next` will sign after the next rotation. It is published from the start, because API Gateway's
 *   JWT authorizer may cache a JWKS for up to two hours: a key must be in the JWKS long before it signs;
 * - `previous` are the public halves of keys that signed before, so their tokens verify until they expire.
 */
export interface SigningKeySet {
  readonly current: JWK;
  readonly next: JWK;
  readonly previous: JWK[];
}

/** How many replaced keys stay published. One suffices while tokens live shorter than the rotation period. */
const retiredKeysKept = 2;
const rsaModulusBits = 2048;
const privateMembers = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']);

export const publicPart = (jwk: JWK): JWK =>
  Object.fromEntries(Object.entries(jwk).filter(([member]) => !privateMembers.has(member))) as JWK;

/** A fresh RSA key (API Gateway's JWT authorizer verifies RSA signatures only), named by its thumbprint. */
export const generateSigningKey = async (): Promise<JWK> => {
  const { privateKey } = await generateKeyPair(signingAlgorithm, { modulusLength: rsaModulusBits, extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: signingAlgorithm, use: 'sig' };
};

/** The set after a rotation: the published `next` key starts signing, and a new `next` is made. */
export const rotateKeySet = async (existing: SigningKeySet | undefined): Promise<SigningKeySet> =>
  existing
    ? {
        current: existing.next,
        next: await generateSigningKey(),
        previous: [publicPart(existing.current), ...existing.previous].slice(0, retiredKeysKept),
      }
    : { current: await generateSigningKey(), next: await generateSigningKey(), previous: [] };

/** The JSON Web Key Set anyone may fetch to verify tokens: public halves only. */
export const publicKeySet = (set: SigningKeySet): { keys: JWK[] } => ({
  keys: [set.current, set.next, ...set.previous].map(publicPart),
});

/** Reads a secret value as a key set; anything else (such as the secret's initial random value) is none. */
export const parseKeySet = (value: string | undefined): SigningKeySet | undefined => {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(value) as Partial<SigningKeySet>;
    return parsed.current?.d && parsed.next?.d && Array.isArray(parsed.previous) ? (parsed as SigningKeySet) : undefined;
  } catch {
    return undefined;
  }
};
