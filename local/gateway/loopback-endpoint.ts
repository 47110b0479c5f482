import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback, type LoopbackServer } from './loopback-server';

/**
 * An HTTP API, REST API or function URL on a local port of its own: it listens until closed, and takes
 * a new description of itself (after a reload) without closing the port.
 */
export abstract class LoopbackEndpoint<Spec> {
  private server?: LoopbackServer;

  protected constructor(protected spec: Spec) {}

  update(spec: Spec): void {
    this.spec = spec;
  }

  close(): Promise<void> {
    return this.server!.close();
  }

  protected async open(port: number): Promise<this> {
    this.server = await listenOnLoopback(port, (message, response) => void this.serve(message, response));
    return this;
  }

  protected abstract serve(message: IncomingMessage, out: ServerResponse): Promise<void>;
}
