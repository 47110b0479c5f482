import { httpRoute } from '#shared/http';
import { lazily } from '#shared/lazy';
import document from '../../../docs/openapi.json';
import { type ApiDocument, renderApiReference } from '../api-reference';

const page = lazily(() => renderApiReference(document as unknown as ApiDocument));

/** The API reference as a web page, from the same generated document as GET /openapi.json. */
export const handler = httpRoute({}, async () => ({
  statusCode: 200,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'public, max-age=300',
    // A page of text and inline styles: nothing to run, nothing to load.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  },
  body: page(),
}));
