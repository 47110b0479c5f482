import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

/** scrypt cost. Stored with every hash, so it can be raised later without breaking old hashes. */
export const passwordHashCost = { N: 2 ** 15, r: 8, p: 1 } as const;
const keyLength = 32;
const saltLength = 16;

type Cost = { N: number; r: number; p: number };
const options = (params: Cost) => ({ ...params, maxmem: 256 * params.N * params.r });

const derive = (password: string, salt: Buffer, params: Cost) =>
  new Promise<Buffer>((resolve, reject) => {
    scrypt(password, salt, keyLength, options(params), (error, key) => (error ? reject(error) : resolve(key)));
  });

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url. */
const format = (salt: Buffer, hash: Buffer) =>
  ['scrypt', passwordHashCost.N, passwordHashCost.r, passwordHashCost.p, salt.toString('base64url'), hash.toString('base64url')].join('$');

/** A fresh random salt per password. */
export const hashPassword = async (password: string): Promise<string> => {
  const salt = randomBytes(saltLength);
  return format(salt, await derive(password, salt, passwordHashCost));
};

/** The same hash, blocking: for work that must be done before a function takes requests. */
export const hashPasswordSync = (password: string): string => {
  const salt = randomBytes(saltLength);
  return format(salt, scryptSync(password, salt, keyLength, options(passwordHashCost)));
};

/** Compares in constant time. A malformed stored hash never matches. */
export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const [scheme, N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !N || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(N), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
};
