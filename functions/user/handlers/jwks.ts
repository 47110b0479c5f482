import { httpRoute, json } from '#shared/http';
import { loadPublicKeySet } from '../signing-key-source';

/** The public keys that verify access tokens: the signing one, the next one and the one it replaced. */
export const handler = httpRoute({}, async () => json(200, await loadPublicKeySet(), { 'cache-control': 'public, max-age=60' }));
