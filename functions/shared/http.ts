import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { annotateTrace, observability } from './observability';
import { logger } from './powertools';
import {
  badRequest,
  internalError,
  payloadTooLarge,
  Problem,
  type ProblemDetailError,
  unsupportedMediaType,
} from './problem';
import type * as z from './zod';

type Schema = z.ZodMiniType;
type Parsed<S> = S extends Schema ? z.infer<S> : undefined;

export interface RouteSpec<B, Q, P> {
  /** Schema of the JSON body; a route without one ignores any body sent. */
  readonly body?: B;
  /** Schema of the query string parameters (an object of strings). */
  readonly query?: Q;
  /** Schema of the path parameters (an object of strings). */
  readonly path?: P;
  /** Largest body accepted, in bytes. @default 16 KiB */
  readonly maxBodyBytes?: number;
}

export interface HttpRequest<B, Q, P> {
  readonly body: Parsed<B>;
  readonly query: Parsed<Q>;
  readonly path: Parsed<P>;
  readonly event: APIGatewayProxyEventV2;
}

export type HttpResponse = APIGatewayProxyStructuredResultV2;

export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

const defaultMaxBodyBytes = 16 * 1024;
const jsonMediaType = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

const toPointer = (path: readonly PropertyKey[]) =>
  `#/${path.map((key) => String(key).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

export const validate = <S extends Schema>(schema: S, input: unknown, where: string): z.infer<S> => {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  // An unknown field is reported at the field itself, not at the object that holds it.
  const errors: ProblemDetailError[] = result.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ detail: `Unknown field "${key}".`, pointer: toPointer([...issue.path, key]) }))
      : [{ detail: issue.message, pointer: toPointer(issue.path) }],
  );
  throw badRequest(`The request ${where} is not valid.`, errors);
};

const readJsonBody = (event: APIGatewayProxyEventV2, maxBytes: number): unknown => {
  const contentType = event.headers?.['content-type'] ?? '';
  if (!jsonMediaType.test(contentType)) {
    throw unsupportedMediaType('Send the body as application/json.');
  }
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64') : Buffer.from(event.body ?? '', 'utf8');
  if (raw.byteLength > maxBytes) throw payloadTooLarge(`The body must not exceed ${maxBytes} bytes.`);
  if (raw.byteLength === 0) throw badRequest('A JSON body is required.');
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw badRequest('The body is not valid JSON.');
  }
};

/** A caller's correlation id is used only if it looks like one: it ends up in logs and in messages. */
const acceptableCorrelationId = /^[\w.:-]{1,128}$/;

/** Follows one request through every log line, and hands the id back to the caller. */
export const correlationId = (): MiddlewareObj<APIGatewayProxyEventV2, HttpResponse> => ({
  before: ({ event }) => {
    const given = event.headers?.['x-correlation-id'];
    const id = given && acceptableCorrelationId.test(given) ? given : event.requestContext.requestId;
    logger.setCorrelationId(id);
    annotateTrace(id);
  },
  after: (request) => {
    const id = logger.getCorrelationId();
    if (request.response && typeof id === 'string') {
      request.response.headers = { ...request.response.headers, 'x-correlation-id': id };
    }
  },
});

/** Renders every failure as problem+json; only a Problem's own words reach the caller. */
const problemResponses = (): MiddlewareObj<APIGatewayProxyEventV2, HttpResponse> => ({
  onError: (request) => {
    const error = request.error;
    const problem = error instanceof Problem ? error : internalError();
    if (problem.status >= 500) logger.error('Request failed', error as Error);
    else logger.info('Request rejected', { status: problem.status, detail: problem.detail });
    request.response = problem.toResponse();
    const id = logger.getCorrelationId();
    if (typeof id === 'string') request.response.headers = { ...request.response.headers, 'x-correlation-id': id };
  },
});

/**
 * Wraps one HTTP route's logic with the shared middleware: logs, metrics and traces, a correlation
 * id, a size-limited JSON body, zod validation of body, query and path, and problem+json errors.
 */
export const httpRoute = <B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, P extends Schema | undefined = undefined>(
  spec: RouteSpec<B, Q, P>,
  handle: (request: HttpRequest<B, Q, P>) => Promise<HttpResponse>,
) => {
  const handler = middy<APIGatewayProxyEventV2, HttpResponse, Error, Context>()
    .use(observability())
    .use(correlationId())
    .use(problemResponses())
    .handler(async (event) => {
      const parse = (schema: Schema | undefined, input: () => unknown, where: string) =>
        schema ? validate(schema, input(), where) : undefined;
      const request = {
        body: parse(spec.body, () => readJsonBody(event, spec.maxBodyBytes ?? defaultMaxBodyBytes), 'body'),
        query: parse(spec.query, () => event.queryStringParameters ?? {}, 'query'),
        path: parse(spec.path, () => event.pathParameters ?? {}, 'path'),
        event,
      };
      return handle(request as HttpRequest<B, Q, P>);
    });
  // The OpenAPI generator (lib/openapi) reads the route's schemas from here.
  return Object.assign(handler, { routeSpec: spec as RouteSpec<Schema, Schema, Schema> });
};
