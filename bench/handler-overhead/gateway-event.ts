import type { HttpApiSpec, RouteSpec } from '../../local/assembly/app-model';
import type { JwtAuthorizer } from '../../local/gateway/jwt-authorizer';
import { gatewayRequestId, payloadV2Event } from '../../local/gateway/payload-v2';
import { localAccountId } from '../../local/runtime';

export interface ApiCall {
  readonly path: string;
  readonly query?: string;
  readonly body?: unknown;
  readonly token?: string;
}

/**
 * The payload format 2.0 event the local gateway would send the route's function for this call, built
 * by the gateway's own code: the headers a Node client sends, path parameters, and the JWT authorizer's
 * verified claims for the token.
 */
export const gatewayEvent = async (api: HttpApiSpec, route: RouteSpec, call: ApiCall, jwt: JwtAuthorizer): Promise<string> => {
  const [method, pattern] = route.routeKey.split(' ') as [string, string];
  const body = call.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(call.body));
  const host = new URL(api.url).host;
  const headers: Record<string, string> = {
    host,
    'user-agent': 'node',
    accept: '*/*',
    'accept-encoding': 'gzip, deflate',
    ...(body.length > 0 && { 'content-type': 'application/json', 'content-length': String(body.length) }),
    ...(call.token && { authorization: `Bearer ${call.token}` }),
    'x-forwarded-for': '127.0.0.1',
    'x-forwarded-port': host.split(':')[1] ?? '80',
    'x-forwarded-proto': 'http',
  };
  const names = [...pattern.matchAll(/\{(\w+)\+?\}/g)].map((match) => match[1]!);
  const values = new RegExp(`^${pattern.replace(/\{\w+\+?\}/g, '([^/]+)')}$`).exec(call.path)?.slice(1) ?? [];
  let authorizer: Record<string, unknown> | undefined;
  if (route.authorizer?.type === 'JWT') {
    const result = await jwt.authorize(route.authorizer, headers.authorization, route.authorizationScopes);
    if (!result.authorized) throw new Error(`${route.routeKey}: the gateway would refuse this call (${result.response.statusCode})`);
    authorizer = result.authorizer;
  }
  const event = payloadV2Event(
    {
      method,
      rawPath: call.path,
      rawQueryString: call.query ?? '',
      headers,
      rawHeaders: Object.entries(headers),
      cookies: [],
      body,
      sourceIp: '127.0.0.1',
      protocol: 'HTTP/1.1',
      requestId: gatewayRequestId(),
      receivedAt: new Date(),
    },
    {
      accountId: localAccountId,
      apiId: api.apiId,
      routeKey: route.routeKey,
      pathParameters: names.length > 0 ? Object.fromEntries(names.map((name, index) => [name, values[index]!])) : undefined,
      authorizer,
    },
  );
  return JSON.stringify(event);
};
