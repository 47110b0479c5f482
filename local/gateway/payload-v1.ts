import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { GatewayRequest } from './http-request';
import { apiContext, clfTime, type HttpResponse } from './payload-v2';

/** What a REST API knows about a request beyond the request itself: where it was routed, who authorized it. */
export interface RestRequestInput {
  readonly accountId: string;
  readonly apiId: string;
  readonly stage: string;
  readonly stageVariables: Record<string, string>;
  /** The path without the stage: `/notes/42`. */
  readonly path: string;
  /** The matched resource: `/notes/{id}`. */
  readonly resourcePath: string;
  readonly resourceId: string;
  readonly pathParameters?: Record<string, string>;
  readonly authorizer?: Record<string, unknown>;
}

/** `image/png` against `image/*` or `*\/*`, as API Gateway matches binary media types. */
const mediaTypeMatches = (pattern: string, type: string) => {
  const [patternType, patternSubtype] = pattern.toLowerCase().split('/');
  const [actualType, actualSubtype] = type.toLowerCase().split(';')[0]!.trim().split('/');
  return (patternType === '*' || patternType === actualType) && (patternSubtype === '*' || patternSubtype === actualSubtype);
};

export const isBinaryMediaType = (binaryMediaTypes: readonly string[], type: string | undefined) =>
  type !== undefined && binaryMediaTypes.some((pattern) => mediaTypeMatches(pattern, type));

/** Single values (the last one) and every value, by name, as payload format 1.0 has headers and query parameters. */
const singleAndMulti = (pairs: Iterable<readonly [string, string]>) => {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of pairs) {
    single[name] = value;
    (multi[name] ??= []).push(value);
  }
  return Object.keys(single).length === 0 ? { single: null, multi: null } : { single, multi };
};

const orNull = (map: Record<string, string> | undefined) => (map && Object.keys(map).length > 0 ? map : null);

/** The headers API Gateway adds before passing a request on, in the case it writes them. */
const forwardedHeaders = (request: GatewayRequest): [string, string][] => [
  ['X-Forwarded-For', request.sourceIp],
  ['X-Forwarded-Port', request.headers['x-forwarded-port'] ?? ''],
  ['X-Forwarded-Proto', 'http'],
];

export const restRequestContext = (request: GatewayRequest, input: RestRequestInput) => ({
  ...apiContext(request, input),
  extendedRequestId: request.requestId,
  httpMethod: request.method,
  identity: {
    accessKey: null,
    accountId: null,
    caller: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp: request.sourceIp,
    user: null,
    userAgent: request.headers['user-agent'] ?? null,
    userArn: null,
  },
  path: `/${input.stage}${input.path}`,
  protocol: request.protocol,
  requestId: request.requestId,
  requestTime: clfTime(request.receivedAt),
  requestTimeEpoch: request.receivedAt.getTime(),
  resourceId: input.resourceId,
  resourcePath: input.resourcePath,
  stage: input.stage,
});

/**
 * The request's parts as a REST API passes them to a Lambda function or a REQUEST authorizer: headers
 * in the case they were sent, every value in the `multiValue…` maps and the last one in the others,
 * query parameters decoded, `null` for what is absent.
 */
export const restRequestParts = (request: GatewayRequest, input: RestRequestInput) => {
  const headers = singleAndMulti([...request.rawHeaders, ...forwardedHeaders(request)]);
  const query = singleAndMulti(new URLSearchParams(request.rawQueryString));
  return {
    resource: input.resourcePath,
    path: input.path,
    httpMethod: request.method,
    headers: headers.single ?? {},
    multiValueHeaders: headers.multi ?? {},
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    pathParameters: orNull(input.pathParameters),
    stageVariables: orNull(input.stageVariables),
    requestContext: restRequestContext(request, input),
  };
};

/**
 * The event a REST API sends a Lambda proxy integration (payload format 1.0). The body is text unless
 * its content type is one of the API's binary media types; then it is base64-encoded.
 */
export const payloadV1Event = (request: GatewayRequest, input: RestRequestInput, binaryMediaTypes: readonly string[]): APIGatewayProxyEvent => {
  const binary = request.body.length > 0 && isBinaryMediaType(binaryMediaTypes, request.headers['content-type']);
  return {
    ...restRequestParts(request, input),
    body: request.body.length === 0 ? null : binary ? request.body.toString('base64') : request.body.toString('utf8'),
    isBase64Encoded: binary,
  } as APIGatewayProxyEvent;
};

interface ProxyResponse {
  statusCode?: unknown;
  headers?: Record<string, unknown>;
  multiValueHeaders?: Record<string, unknown>;
  body?: unknown;
  isBase64Encoded?: unknown;
}

/**
 * Maps a Lambda proxy response (payload format 1.0) to HTTP as a REST API does: `statusCode` required,
 * `headers` and `multiValueHeaders` merged (the latter wins for a name in both), `body` a string. A
 * base64 body is decoded only when the client accepts a binary media type of the API, else it goes out
 * as the text it is. Undefined when the response is malformed: the gateway answers 502.
 */
export const fromPayloadV1 = (payload: unknown, binaryMediaTypes: readonly string[], accept: string | undefined): HttpResponse | undefined => {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
  const response = payload as ProxyResponse;
  const statusCode = Number(response.statusCode);
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) return undefined;
  if (response.body !== undefined && response.body !== null && typeof response.body !== 'string') return undefined;
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) headers[name.toLowerCase()] = String(value);
  for (const [name, values] of Object.entries(response.multiValueHeaders ?? {})) {
    if (Array.isArray(values)) headers[name.toLowerCase()] = values.map(String);
  }
  const body = (response.body as string | undefined | null) ?? '';
  const decode = response.isBase64Encoded === true && accept !== undefined && accept.split(',').some((type) => isBinaryMediaType(binaryMediaTypes, type));
  return { statusCode, headers, body: decode ? Buffer.from(body, 'base64') : Buffer.from(body) };
};
