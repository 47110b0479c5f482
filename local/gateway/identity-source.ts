import type { GatewayRequest } from './http-request';
import { queryStringParameters } from './http-request';

/**
 * The value of one identity source (`$request.header.Authorization`, `$request.querystring.token`,
 * `$context.http.sourceIp`), or undefined when the request lacks it.
 */
export const identitySourceValue = (source: string, request: GatewayRequest, context: Record<string, unknown>): string | undefined => {
  const header = /^\$request\.header\.(.+)$/i.exec(source);
  if (header) return request.headers[header[1]!.toLowerCase()] || undefined;
  const query = /^\$request\.querystring\.(.+)$/i.exec(source);
  if (query) return queryStringParameters(request.rawQueryString)?.[query[1]!] || undefined;
  const fromContext = /^\$context\.(.+)$/.exec(source);
  if (fromContext) {
    const value = fromContext[1]!.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], context);
    return value === undefined || value === null || value === '' ? undefined : String(value);
  }
  return undefined;
};
