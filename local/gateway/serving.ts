import type { IncomingMessage, ServerResponse } from 'node:http';
import { type GatewayRequest, toGatewayRequest } from './http-request';
import type { HttpResponse } from './payload-v2';

/** One line of a gateway's access log. */
export interface AccessLogEntry {
  readonly requestId: string;
  readonly method: string;
  readonly path: string;
  readonly routeKey: string;
  readonly status: number;
  readonly durationMs: number;
  /** Why the gateway answered by itself, when it did. */
  readonly reason?: string;
  /** The response's `x-correlation-id`, else the request's, else the request id: what the function's logs carry. */
  readonly correlationId?: string;
  /** The response's `Location`: where a created resource (a 201's, a 202's) can be found. */
  readonly location?: string;
}

/** What a gateway made of a request: its response, the route it took, and why it answered by itself. */
export interface Handled {
  readonly response: HttpResponse;
  readonly routeKey?: string;
  readonly reason?: string;
}

export interface ServeOptions {
  readonly requestId: string;
  readonly maxBodyBytes: number;
  /** The answer to a body over `maxBodyBytes`. */
  readonly tooLarge: () => HttpResponse;
  /** The answer when the gateway itself fails (a bug, never the function's doing). */
  readonly failure: () => HttpResponse;
  /** Headers every response carries, such as the request id. */
  readonly headers: Record<string, string>;
  readonly handle: (request: GatewayRequest) => Promise<Handled>;
  readonly onAccess: (entry: AccessLogEntry) => void;
}

class BodyTooLarge extends Error {}

const readBody = async (message: IncomingMessage, maxBytes: number): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of message) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
};

/** Reads a request, lets the gateway handle it, writes the response and logs one access line. */
export const serveRequest = async (message: IncomingMessage, out: ServerResponse, options: ServeOptions): Promise<void> => {
  const started = Date.now();
  let handled: Handled;
  try {
    handled = await options.handle(toGatewayRequest(message, await readBody(message, options.maxBodyBytes), options.requestId));
  } catch (error) {
    handled = error instanceof BodyTooLarge ? { response: options.tooLarge() } : { response: options.failure(), reason: `gateway error: ${String(error)}` };
  }
  const { response } = handled;
  out.writeHead(response.statusCode, { ...response.headers, ...options.headers, 'content-length': response.body.length });
  out.end(response.body);
  options.onAccess({
    requestId: options.requestId,
    method: message.method ?? '-',
    path: (message.url ?? '/').split('?')[0]!,
    routeKey: handled.routeKey ?? '-',
    status: response.statusCode,
    durationMs: Date.now() - started,
    reason: handled.reason,
    correlationId: headerOf(response.headers, 'x-correlation-id') ?? headerOf(message.headers, 'x-correlation-id') ?? options.requestId,
    location: headerOf(response.headers, 'location'),
  });
};

/** A header's (first) value, whatever the case of its name. */
const headerOf = (headers: Record<string, unknown>, name: string): string | undefined => {
  const value = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
};

/** The promise's value, or `'timeout'` once `ms` have passed. */
export const withDeadline = async <T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> => {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
};
