import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Never closes an idle keep-alive connection: the client does. Node's default (close after 5 s idle)
 * races a client that sends its next request on that connection at the same moment, and the client
 * gets ECONNRESET for a request that was never answered. The server's own idle close is where that
 * race lives; a client closes its idle connections itself (undici after 4 s, the SDK's agent on exit).
 */
const createIdleTolerantServer = (listener: RequestListener): Server => {
  const server = createServer(listener);
  server.keepAliveTimeout = 0;
  return server;
};

const listen = (server: Server, port: number, host: string) =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    if (!server.listening) return resolve();
    server.closeAllConnections();
    server.close(() => resolve());
  });

/**
 * Serves on `localhost` only, on both IPv4 and IPv6 loopback, because `localhost` resolves to either
 * depending on the machine (the JWT issuer and browsers say `localhost`). Port 0 picks a free port.
 */
export const listenOnLoopback = async (port: number, listener: RequestListener): Promise<LoopbackServer> => {
  const v4 = createIdleTolerantServer(listener);
  await listen(v4, port, '127.0.0.1');
  const actualPort = (v4.address() as AddressInfo).port;
  const v6 = createIdleTolerantServer(listener);
  try {
    await listen(v6, actualPort, '::1');
  } catch {
    // No IPv6 loopback here: IPv4 serves alone.
  }
  return { port: actualPort, close: async () => void (await Promise.all([close(v4), close(v6)])) };
};
