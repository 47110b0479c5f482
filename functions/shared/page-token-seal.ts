import { createHmac, timingSafeEqual } from 'node:crypto';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { secretsManagerClient } from './clients';
import { requiredEnv } from './config';
import { invalidPageToken } from './pagination';

/*
 * Page tokens the service signs: `<token>.<HMAC-SHA256>`, the HMAC over the listing it was issued for
 * and the store's own token, keyed with a secret only the listing's function reads. A token the service
 * did not issue, or issued for another listing (another user's orders), is a 400 before anything of it
 * reaches the store, whatever it decodes to.
 */

const mac = (key: Buffer, listing: string, token: string) => createHmac('sha256', key).update(`${listing}\n${token}`).digest();

export const sealPageToken = (token: string | undefined, key: Buffer, listing: string): string | undefined =>
  token && `${token}.${mac(key, listing, token).toString('base64url')}`;

/** The store's token inside a sealed one, or a 400 problem for a token this listing did not issue. */
export const openPageToken = (sealed: string | undefined, key: Buffer, listing: string): string | undefined => {
  if (sealed === undefined) return undefined;
  const dot = sealed.lastIndexOf('.');
  if (dot < 1) throw invalidPageToken();
  const token = sealed.slice(0, dot);
  const given = Buffer.from(sealed.slice(dot + 1), 'base64url');
  const expected = mac(key, listing, token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidPageToken();
  return token;
};

/** The key from PAGE_TOKEN_SECRET_ID, read once per execution environment (read again after a failure). */
let signingKey: Promise<Buffer> | undefined;
const pageTokenKey = () =>
  (signingKey ??= secretsManagerClient()
    .send(new GetSecretValueCommand({ SecretId: requiredEnv('PAGE_TOKEN_SECRET_ID') }))
    .then(({ SecretString }) => {
      if (!SecretString) throw new Error('The page token secret has no value');
      return Buffer.from(SecretString, 'utf8');
    })
    .catch((error: unknown) => {
      signingKey = undefined;
      throw error;
    }));

/** Seals and opens the page tokens of one listing, e.g. `orders/<userId>`. */
export const pageTokensFor = async (listing: string) => {
  const key = await pageTokenKey();
  return {
    seal: (token: string | undefined) => sealPageToken(token, key, listing),
    open: (sealed: string | undefined) => openPageToken(sealed, key, listing),
  };
};
