import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import type { ServiceAnswer, ServiceCall } from './service-call';

/**
 * Where a service's calls go: an emulator's HTTP endpoint (with `ready`, which resolves once the
 * emulator serves: it may start on a first call), or a handler in this process.
 */
export type Backend =
  | { readonly endpoint: string; readonly ready?: () => Promise<void> }
  | { readonly handle: (call: ServiceCall) => Promise<ServiceAnswer> };

const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade', 'content-length']);

const endToEnd = (headers: IncomingMessage['headers']) => Object.fromEntries(Object.entries(headers).filter(([name]) => !hopByHop.has(name)));

export const readAll = async (stream: NodeJS.ReadableStream): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/**
 * Sends calls on to emulators over kept-alive connections. `aborted` ends the upstream request when the
 * caller goes away first (a poller's long poll being stopped).
 */
export class Forwarder {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  forward(endpoint: string, call: ServiceCall, aborted: AbortSignal): Promise<ServiceAnswer> {
    return new Promise((resolve, reject) => {
      const upstream = httpRequest(
        `${endpoint}${call.url}`,
        { method: call.method, agent: this.agent, headers: { ...endToEnd(call.headers), 'content-length': call.body.length }, signal: aborted },
        (answer) => {
          readAll(answer).then(
            (body) => resolve({ status: answer.statusCode ?? 502, headers: { ...endToEnd(answer.headers), 'content-length': body.length }, body }),
            reject,
          );
        },
      );
      upstream.on('error', reject);
      upstream.end(call.body);
    });
  }

  destroy(): void {
    this.agent.destroy();
  }
}
