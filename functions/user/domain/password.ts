import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt cost. Stored with every hash, so it can be raised later without breaking old hashes. */
const cost = { N: 2 ** 15, r: 8, p: 1 } as const;
const keyLength = 32;
const saltLength = 16;

const derive = (password: string, salt: Buffer, params: { N: number; r: number; p: number }) =>
  new Promise<Buffer>((resolve, reject) => {
    scrypt(password, salt, keyLength, { ...params, maxmem: 256 * params.N * params.r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url; a fresh random salt per password. */
export const hashPassword = async (password: string): Promise<string> => {
  const salt = randomBytes(saltLength);
  const hash = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
};

/** Compares in constant time. A malformed stored hash never matches. */
export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const [scheme, N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !N || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(N), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
};

/**
 * A hash of no one's password, checked when the email is unknown so that a login for an unknown
 * email costs as much time as a login with a wrong password.
 */
let unknownUser: Promise<string> | undefined;
export const unknownUserHash = (): Promise<string> =>
  (unknownUser ??= hashPassword(randomBytes(24).toString('base64url')));
