import { requiredEnv } from '#shared/config';
import { httpRoute, json } from '#shared/http';
import { lazily } from '#shared/lazy';
import document from '../../../docs/openapi.json';

/** The document as generated (`npm run openapi`), with this API's own URL as its server. */
const served = lazily(() => ({ ...document, servers: [{ url: requiredEnv('API_URL'), description: 'This API.' }] }));

/** The OpenAPI 3.1 description of the whole API. */
export const handler = httpRoute({}, async () => json(200, served(), { 'cache-control': 'public, max-age=300' }));
