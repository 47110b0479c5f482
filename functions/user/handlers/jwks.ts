import { httpRoute, json } from '#shared/http';
import { publicKeySet } from '../domain/signing-keys';
import { loadKeySet } from '../signing-key-source';

/** The public keys that verify access tokens: the current one and those it replaced. */
export const handler = httpRoute({}, async () =>
  json(200, publicKeySet(await loadKeySet()), { 'cache-control': 'public, max-age=300' }),
);
