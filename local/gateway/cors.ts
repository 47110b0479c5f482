import type { CorsSpec } from '../assembly/app-model';
import type { GatewayRequest } from './http-request';
import type { HttpResponse } from './payload-v2';
import type { Handled } from './serving';

/** Origins may use `*` as a wildcard (`https://*.example.com`), or be `*` for any. */
const originAllowed = (cors: CorsSpec, origin: string) =>
  cors.allowOrigins.some(
    (allowed) =>
      allowed === '*' ||
      new RegExp(`^${allowed.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i').test(origin),
  );

const allowOriginHeader = (cors: CorsSpec, origin: string) =>
  cors.allowOrigins.includes('*') && !cors.allowCredentials ? '*' : origin;

export const isPreflight = (cors: CorsSpec | undefined, request: GatewayRequest): cors is CorsSpec =>
  cors !== undefined &&
  request.method === 'OPTIONS' &&
  request.headers.origin !== undefined &&
  request.headers['access-control-request-method'] !== undefined;

/** API Gateway answers a CORS preflight itself when the API has a CORS configuration. */
export const preflightResponse = (cors: CorsSpec, request: GatewayRequest): HttpResponse => {
  const origin = request.headers.origin!;
  if (!originAllowed(cors, origin)) return { statusCode: 204, headers: {}, body: Buffer.alloc(0) };
  const headers: Record<string, string> = {
    'access-control-allow-origin': allowOriginHeader(cors, origin),
    'access-control-allow-methods': cors.allowMethods.join(','),
  };
  if (cors.allowHeaders.length > 0) headers['access-control-allow-headers'] = cors.allowHeaders.join(',');
  if (cors.allowCredentials) headers['access-control-allow-credentials'] = 'true';
  if (cors.maxAge !== undefined) headers['access-control-max-age'] = String(cors.maxAge);
  return { statusCode: 204, headers, body: Buffer.alloc(0) };
};

/** With CORS configured, the gateway's CORS headers replace whatever the integration sent. */
export const withCorsHeaders = (cors: CorsSpec | undefined, request: GatewayRequest, response: HttpResponse): HttpResponse => {
  if (!cors) return response;
  const headers = Object.fromEntries(Object.entries(response.headers).filter(([name]) => !name.startsWith('access-control-')));
  const origin = request.headers.origin;
  if (origin && originAllowed(cors, origin)) {
    headers['access-control-allow-origin'] = allowOriginHeader(cors, origin);
    if (cors.exposeHeaders.length > 0) headers['access-control-expose-headers'] = cors.exposeHeaders.join(',');
    if (cors.allowCredentials) headers['access-control-allow-credentials'] = 'true';
  }
  return { ...response, headers };
};

/** A gateway's handling with CORS around it: preflights answered, CORS headers on every response. */
export const withCors =
  (cors: CorsSpec | undefined, handle: (request: GatewayRequest) => Promise<Handled>) =>
  async (request: GatewayRequest): Promise<Handled> => {
    if (isPreflight(cors, request)) return { response: preflightResponse(cors, request) };
    const handled = await handle(request);
    return { ...handled, response: withCorsHeaders(cors, request, handled.response) };
  };
