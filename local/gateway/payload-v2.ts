import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type GatewayRequest, queryStringParameters } from './http-request';

export interface RequestContextInput {
  readonly accountId: string;
  readonly apiId: string;
  readonly routeKey: string;
  readonly pathParameters?: Record<string, string>;
  readonly authorizer?: Record<string, unknown>;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (value: number) => String(value).padStart(2, '0');

/** `12/Mar/2020:19:03:58 +0000`, the CLF time API Gateway puts in `requestContext.time`. */
export const clfTime = (date: Date) =>
  `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;

/** An id shaped like API Gateway's (`JKJaXmPLvHcESHA=`). */
export const gatewayRequestId = () => randomBytes(10).toString('base64');

/** API Gateway passes text bodies as they are and anything else base64-encoded. */
export const isText = (contentType: string | undefined) =>
  contentType !== undefined && /^(text\/|application\/([\w.+-]+\+)?(json|xml|javascript)\b)/i.test(contentType);

/** The request context's identification of the API: its account and id, the authorizer's output, its domain. */
export const apiContext = (request: GatewayRequest, input: { accountId: string; apiId: string; authorizer?: Record<string, unknown> }) => {
  const host = request.headers.host ?? 'localhost';
  return {
    accountId: input.accountId,
    apiId: input.apiId,
    ...(input.authorizer && { authorizer: input.authorizer }),
    domainName: host,
    domainPrefix: host.split('.')[0]!.split(':')[0]!,
  };
};

export const requestContext = (request: GatewayRequest, input: RequestContextInput) => ({
  ...apiContext(request, input),
  http: {
    method: request.method,
    path: request.rawPath,
    protocol: request.protocol,
    sourceIp: request.sourceIp,
    userAgent: request.headers['user-agent'] ?? '',
  },
  requestId: request.requestId,
  routeKey: input.routeKey,
  stage: '$default',
  time: clfTime(request.receivedAt),
  timeEpoch: request.receivedAt.getTime(),
});

/** The event an HTTP API sends a Lambda proxy integration, payload format version 2.0. */
export const payloadV2Event = (request: GatewayRequest, input: RequestContextInput): APIGatewayProxyEventV2 => {
  const hasBody = request.body.length > 0;
  const text = isText(request.headers['content-type']);
  return {
    version: '2.0',
    routeKey: input.routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
    ...(request.cookies.length > 0 && { cookies: request.cookies }),
    headers: request.headers,
    ...(request.rawQueryString && { queryStringParameters: queryStringParameters(request.rawQueryString) }),
    requestContext: requestContext(request, input),
    ...(hasBody && { body: text ? request.body.toString('utf8') : request.body.toString('base64') }),
    ...(input.pathParameters && { pathParameters: input.pathParameters }),
    isBase64Encoded: hasBody && !text,
  } as APIGatewayProxyEventV2;
};

export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

/**
 * Maps a function's response to HTTP as API Gateway does for payload format 2.0: a structured
 * response (with `statusCode`) as given, anything else as a 200 JSON body. Undefined when the
 * response is malformed, which the gateway answers with a 500.
 */
export const fromPayloadV2 = (payload: unknown): HttpResponse | undefined => {
  const structured = typeof payload === 'object' && payload !== null && 'statusCode' in payload;
  if (!structured) {
    const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body ?? '') };
  }
  const response = payload as { statusCode: unknown; headers?: Record<string, unknown>; cookies?: unknown; body?: unknown; isBase64Encoded?: unknown };
  const statusCode = Number(response.statusCode);
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) return undefined;
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) headers[name.toLowerCase()] = String(value);
  if (Array.isArray(response.cookies) && response.cookies.length > 0) headers['set-cookie'] = response.cookies.map(String);
  const body = response.body === undefined || response.body === null ? '' : String(response.body);
  return { statusCode, headers, body: response.isBase64Encoded === true ? Buffer.from(body, 'base64') : Buffer.from(body) };
};
