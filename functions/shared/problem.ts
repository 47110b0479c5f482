import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** One reason a request was rejected, pointing at the offending part of the body (RFC 6901). */
export interface ProblemDetailError {
  readonly detail: string;
  readonly pointer: string;
}

/**
 * An error that is the caller's to see: rendered as RFC 9457 `application/problem+json`.
 * Anything thrown that is not a Problem becomes an opaque 500.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: ProblemDetailError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
    this.name = 'Problem';
  }

  toResponse(instance?: string): APIGatewayProxyStructuredResultV2 {
    return {
      statusCode: this.status,
      headers: { 'content-type': 'application/problem+json', ...this.headers },
      body: JSON.stringify({
        type: 'about:blank',
        title: this.title,
        status: this.status,
        ...(this.detail && { detail: this.detail }),
        ...(instance && { instance }),
        ...(this.errors && { errors: this.errors }),
      }),
    };
  }
}

export const badRequest = (detail: string, errors?: ProblemDetailError[]) =>
  new Problem(400, 'Bad Request', detail, errors);
export const unauthorized = (detail: string) =>
  new Problem(401, 'Unauthorized', detail, undefined, { 'www-authenticate': 'Bearer' });
export const forbidden = (detail: string) => new Problem(403, 'Forbidden', detail);
export const notFound = (detail: string) => new Problem(404, 'Not Found', detail);
export const conflict = (detail: string) => new Problem(409, 'Conflict', detail);
export const payloadTooLarge = (detail: string) => new Problem(413, 'Content Too Large', detail);
export const unprocessableContent = (detail: string) => new Problem(422, 'Unprocessable Content', detail);
export const unsupportedMediaType = (detail: string) => new Problem(415, 'Unsupported Media Type', detail);
/** The caller must wait `retryAfterSeconds` before trying again. */
export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new Problem(429, 'Too Many Requests', detail, undefined, { 'retry-after': String(retryAfterSeconds) });
export const serviceUnavailable = (detail: string) =>
  new Problem(503, 'Service Unavailable', detail, undefined, { 'retry-after': '1' });
export const internalError = () =>
  new Problem(500, 'Internal Server Error', 'The server could not complete the request.');
