import type { IncomingMessage } from 'node:http';

/** An HTTP request as the gateway received it, body read. */
export interface GatewayRequest {
  readonly method: string;
  /** The path as sent (still percent-encoded), without the query string. */
  readonly rawPath: string;
  readonly rawQueryString: string;
  /** Lowercase names; repeated headers joined with commas, as API Gateway joins them. */
  readonly headers: Record<string, string>;
  /** The headers as sent: names in their own case, one entry per value (REST APIs pass them on so). */
  readonly rawHeaders: readonly (readonly [string, string])[];
  readonly cookies: string[];
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly protocol: string;
  readonly requestId: string;
  readonly receivedAt: Date;
}

export const toGatewayRequest = (message: IncomingMessage, body: Buffer, requestId: string): GatewayRequest => {
  const url = message.url ?? '/';
  const queryAt = url.indexOf('?');
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(message.headersDistinct)) {
    if (name !== 'cookie' && values) headers[name] = values.join(',');
  }
  const cookies = (message.headersDistinct.cookie ?? []).flatMap((header) => header.split(/;\s*/)).filter(Boolean);
  const sourceIp = (message.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  return {
    method: message.method ?? 'GET',
    rawPath: queryAt >= 0 ? url.slice(0, queryAt) : url,
    rawQueryString: queryAt >= 0 ? url.slice(queryAt + 1) : '',
    headers: {
      ...headers,
      'x-forwarded-for': sourceIp,
      'x-forwarded-port': String(message.socket.localPort ?? ''),
      'x-forwarded-proto': 'http',
    },
    rawHeaders: Array.from({ length: message.rawHeaders.length / 2 }, (_, index) => [message.rawHeaders[2 * index]!, message.rawHeaders[2 * index + 1]!] as const),
    cookies,
    body,
    sourceIp,
    protocol: `HTTP/${message.httpVersion}`,
    requestId,
    receivedAt: new Date(),
  };
};

/** Query parameters with repeated names joined by commas, as payload format 2.0 has them. */
export const queryStringParameters = (rawQueryString: string): Record<string, string> | undefined => {
  if (!rawQueryString) return undefined;
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    parameters[name] = name in parameters ? `${parameters[name]},${value}` : value;
  }
  return parameters;
};
