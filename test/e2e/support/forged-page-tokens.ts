import { createHmac, randomBytes } from 'node:crypto';

/** Listings that answer in pages, and so take a `nextToken`: the forged-token sweeps cover each. */
export const paginatedRoutes = ['GET /orders', 'GET /products'] as const;
export type PaginatedRoute = (typeof paginatedRoutes)[number];

const encoded = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A key of the right shape for the listing, with an empty sort key: what gave a 500 before tokens were signed. */
const plausibleKey = (route: PaginatedRoute, userId: string) =>
  route === 'GET /orders'
    ? { pk: 'ORDER#00000000-0000-4000-8000-000000000000', sk: 'ORDER', userId, createdAt: '' }
    : { pk: 'PRODUCT#X', sk: 'PRODUCT', catalog: 'PRODUCTS', sku: '' };

/**
 * Page tokens the service never issued, or issued for someone else, made from a genuine one
 * (`<token>.<signature>`): each must be answered 400 problem+json pointing at `nextToken`.
 */
export const forgedPageTokens = (route: PaginatedRoute, genuine: string, callerUserId: string): [string, string][] => {
  const [token, signature] = genuine.split('.') as [string, string];
  const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
  return [
    ['a key of the right shape, unsigned', encoded(plausibleKey(route, callerUserId))],
    ['a key of the right shape with the signature of a genuine token', `${encoded(plausibleKey(route, callerUserId))}.${signature}`],
    ['a genuine token without its signature', token],
    ['a genuine token with one character of its signature changed', `${token}.${flipped}`],
    ['a genuine token signed with another key', `${token}.${createHmac('sha256', randomBytes(32)).update(token).digest('base64url')}`],
    ['a genuine token with a second signature', `${genuine}.${signature}`],
    ['JSON that is no key, unsigned', encoded('hello')],
    ['garbage', 'not a page token'],
    ['a dot alone', '.'],
    ['a signature alone', `.${signature}`],
    ['characters outside base64url', '☃.💥'],
    ['2,000 characters', 'A'.repeat(2000)],
  ];
};
