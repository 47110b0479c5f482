import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConsoleBundle } from './console-bundle';
import { checkAccess } from './console-access';

/** A problem the caller can fix: answered as `application/problem+json` with its status. */
export class ConsoleProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ConsoleRequestContext {
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  /** The JSON body of a POST. */
  readonly body: () => Promise<Record<string, unknown>>;
}

export type ApiHandler = (context: ConsoleRequestContext) => Promise<unknown>;

export interface ConsoleRoutes {
  readonly get: Record<string, ApiHandler>;
  readonly post: Record<string, ApiHandler>;
  /** Server-sent events at `/api/events`: called with a sender per client; returns what to do when it leaves. */
  readonly events: (send: (event: string, data: unknown) => void) => () => void;
}

const maxBodyBytes = 6 * 1024 * 1024;

const securityHeaders = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Local console</title>
<link rel="stylesheet" href="/assets/console.css">
</head>
<body>
<div id="app"></div>
<script type="module" src="/assets/console.js"></script>
</body>
</html>
`;

/** Sets, binary values and big numbers from DynamoDB items, as JSON can show them. */
const jsonValue = (_key: string, value: unknown) =>
  value instanceof Set ? [...value] : value instanceof Uint8Array ? Buffer.from(value).toString('base64') : typeof value === 'bigint' ? value.toString() : value;

const send = (response: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
  response.writeHead(status, { ...securityHeaders, 'content-type': type, ...headers });
  response.end(body);
};

const problem = (response: ServerResponse, status: number, detail: string) =>
  send(response, status, 'application/problem+json', JSON.stringify({ type: 'about:blank', title: titles[status] ?? 'Error', status, detail }));

const titles: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 413: 'Content Too Large', 415: 'Unsupported Media Type', 500: 'Internal Server Error' };

const readJson = async (request: IncomingMessage): Promise<Record<string, unknown>> => {
  if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) throw new ConsoleProblem(415, 'Send a JSON body (content-type: application/json).');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw new ConsoleProblem(413, 'The body is larger than 6 MB, the most Lambda takes.');
    chunks.push(chunk as Buffer);
  }
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as unknown;
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  throw new ConsoleProblem(400, 'The body is not a JSON object.');
};

/** `/api/queues/:name` against `/api/queues/DLQ`: the parameters, or undefined. */
const match = (pattern: string, path: string): Record<string, string> | undefined => {
  const [patternParts, pathParts] = [pattern.split('/'), path.split('/')];
  if (patternParts.length !== pathParts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of patternParts.entries()) {
    const actual = pathParts[index]!;
    if (part.startsWith(':')) {
      if (!actual) return undefined;
      params[part.slice(1)] = decodeURIComponent(actual);
    } else if (part !== actual) return undefined;
  }
  return params;
};

export interface RunningConsole {
  /** `http://127.0.0.1:<port>/?token=<token>`: the link to open. */
  readonly url: string;
  /** `http://127.0.0.1:<port>`, without the token. */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * The console's HTTP server, on 127.0.0.1 only, behind `checkAccess`: the page and its bundle (any path
 * not under /api or /assets is the page, which routes itself), the JSON API and its event stream.
 */
export const serveConsole = async (port: number, bundle: ConsoleBundle, routes: ConsoleRoutes): Promise<RunningConsole> => {
  const token = randomBytes(24).toString('base64url');
  const closers = new Set<() => void>();
  const settings = { token, port };
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const method = request.method ?? 'GET';
    const decision = checkAccess({ method, url: request.url ?? '/', headers: request.headers }, settings);
    if (decision.kind === 'refuse') return problem(response, decision.status, decision.reason);
    if (decision.kind === 'redirect') return send(response, 303, 'text/plain', '', { location: decision.location, 'set-cookie': decision.cookie });
    const url = new URL(request.url ?? '/', 'http://console');
    const path = url.pathname;
    if (path === '/assets/console.js') return send(response, 200, 'text/javascript; charset=utf-8', bundle.js);
    if (path === '/assets/console.css') return send(response, 200, 'text/css; charset=utf-8', bundle.css);
    if (path === '/api/events' && method === 'GET') return streamEvents(response, routes, closers);
    if (!path.startsWith('/api/')) return method === 'GET' ? send(response, 200, 'text/html; charset=utf-8', page) : problem(response, 405, `${method} is not allowed here.`);
    const table = method === 'GET' ? routes.get : method === 'POST' ? routes.post : {};
    for (const [pattern, handler] of Object.entries(table)) {
      const params = match(pattern, path);
      if (!params) continue;
      const result = await handler({ params, query: url.searchParams, body: () => readJson(request) });
      return result === undefined ? send(response, 204, 'text/plain', '') : send(response, 200, 'application/json', JSON.stringify(result, jsonValue));
    }
    return problem(response, 404, `Nothing at ${method} ${path}.`);
  };
  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) return response.destroy();
      if (error instanceof ConsoleProblem) return problem(response, error.status, error.message);
      problem(response, 500, `The console failed: ${(error as Error).message}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`The console's port ${port} is in use: choose another (--console-port)`, { cause: error }) : error),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  settings.port = (server.address() as AddressInfo).port;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        for (const close of closers) close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

const streamEvents = (response: ServerResponse, routes: ConsoleRoutes, closers: Set<() => void>) => {
  response.writeHead(200, { ...securityHeaders, 'content-type': 'text/event-stream', connection: 'keep-alive' });
  response.write(': console events\n\n');
  const leave = routes.events((event, data) => response.write(`event: ${event}\ndata: ${JSON.stringify(data, jsonValue)}\n\n`));
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    closers.delete(close);
    leave();
    response.end();
  };
  closers.add(close);
  response.on('close', close);
};
