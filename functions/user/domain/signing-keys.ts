import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { signingAlgorithm } from './tokens';

/**
 * The token signing keys, as kept in the signing key secret:
 * - `current` signs tokens today;
 * - `next` will sign after the next rotation. Its public half is published from the start, as AWS
 *   advises (API Gateway caches a key set for up to an hour): a key is in the JWKS before it signs;
 * - `previous` is the public half of the key that signed before, so its tokens verify until they expire.
 * `current` and `next` live in one secret: whoever reads one has both, so a leak is answered by a
 * revocation that replaces both (docs/decisions/0002-token-signing-key.md).
 */
export interface SigningKeySet {
  readonly current: JWK;
  readonly next: JWK;
  readonly previous: JWK[];
}

export interface PublicKeySet {
  readonly keys: JWK[];
}

/**
 * How many replaced keys stay published: one, as long as rotations are further apart than a token
 * lives (90 days against 15 minutes). A replaced key leaves the JWKS at the rotation after the one that
 * replaced it.
 */
const retiredKeysKept = 1;
const rsaModulusBits = 2048;
const privateMembers = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']);

/**
 * A rotation whose version id (its `ClientRequestToken`) starts with this replaces every key at
 * once instead of promoting `next`: the emergency rotation of `npm run keys -- revoke`.
 */
export const revocationPrefix = 'revoke-';
export const isRevocation = (rotationToken: string): boolean => rotationToken.startsWith(revocationPrefix);

export const publicPart = (jwk: JWK): JWK =>
  Object.fromEntries(Object.entries(jwk).filter(([member]) => !privateMembers.has(member))) as JWK;

/** A fresh RSA key (API Gateway's JWT authorizer verifies RSA signatures only), named by its thumbprint. */
export const generateSigningKey = async (): Promise<JWK> => {
  const { privateKey } = await generateKeyPair(signingAlgorithm, { modulusLength: rsaModulusBits, extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: signingAlgorithm, use: 'sig' };
};

/** New keys only: nothing of an earlier set stays, signing or published. */
export const freshKeySet = async (): Promise<SigningKeySet> => ({
  current: await generateSigningKey(),
  next: await generateSigningKey(),
  previous: [],
});

/** The set after an ordinary rotation: the published `next` key starts signing, and a new `next` is made. */
export const rotateKeySet = async (existing: SigningKeySet | undefined): Promise<SigningKeySet> =>
  existing
    ? {
        current: existing.next,
        next: await generateSigningKey(),
        previous: [publicPart(existing.current), ...existing.previous].slice(0, retiredKeysKept),
      }
    : freshKeySet();

/** The JSON Web Key Set anyone may fetch to verify tokens: public halves only. */
export const publicKeySet = (set: SigningKeySet): PublicKeySet => ({
  keys: [set.current, set.next, ...set.previous].map(publicPart),
});

const parseJson = (value: string | undefined): unknown => {
  try {
    return value ? JSON.parse(value) : undefined;
  } catch {
    return undefined;
  }
};

/** Reads a secret value as a key set; anything else (such as the secret's initial random value) is none. */
export const parseKeySet = (value: string | undefined): SigningKeySet | undefined => {
  const parsed = parseJson(value) as Partial<SigningKeySet> | undefined;
  return parsed?.current?.d && parsed.next?.d && Array.isArray(parsed.previous) ? (parsed as SigningKeySet) : undefined;
};

/** Reads the published key set; anything else, or a set that holds a private member, is none. */
export const parsePublicKeySet = (value: string | undefined): PublicKeySet | undefined => {
  const parsed = parseJson(value) as Partial<PublicKeySet> | undefined;
  const keys = parsed?.keys;
  if (!Array.isArray(keys) || keys.length === 0) return undefined;
  return keys.every((key) => Object.keys(key).every((member) => !privateMembers.has(member))) ? { keys } : undefined;
};
