import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

export interface HttpEventOptions {
  readonly method?: string;
  readonly path?: string;
  readonly body?: unknown;
  /** A raw body, sent as is (for malformed or oversized input). */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  readonly pathParameters?: Record<string, string>;
  readonly queryStringParameters?: Record<string, string>;
  /** JWT claims as API Gateway hands them over (strings; arrays as `[a b]`). */
  readonly claims?: Record<string, string>;
}

/** A payload format 2.0 event as API Gateway HTTP APIs send it. */
export const httpEvent = (options: HttpEventOptions = {}): APIGatewayProxyEventV2 => {
  const method = options.method ?? 'GET';
  const path = options.path ?? '/';
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers = {
    ...(body !== undefined && { 'content-type': 'application/json' }),
    ...options.headers,
  };
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(options.queryStringParameters).toString(),
    headers,
    queryStringParameters: options.queryStringParameters,
    pathParameters: options.pathParameters,
    body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' },
      requestId: randomUUID(),
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
      ...(options.claims && { authorizer: { jwt: { claims: options.claims, scopes: null } } }),
    },
  } as APIGatewayProxyEventV2;
};

export const lambdaContext = (functionName = 'test-function'): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
  memoryLimitInMB: '256',
  awsRequestId: randomUUID(),
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: 'test',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface HttpResult {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
}

/** Invokes a handler in-process with an HTTP event and parses its JSON answer. */
export const invoke = async (handler: unknown, options: HttpEventOptions = {}): Promise<HttpResult> => {
  const result = await (handler as HttpHandler)(httpEvent(options), lambdaContext());
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)]));
  return { status: result.statusCode ?? 200, headers, body: result.body ? JSON.parse(result.body) : undefined };
};
