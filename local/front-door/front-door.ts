import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback, type LoopbackServer } from '../gateway/loopback-server';
import { type Backend, Forwarder, readAll } from './forward';
import { identifyRequest } from './identify-request';
import { errorAnswer } from './error-answers';
import { type FrontDoorStage, pipeline, type ServiceAnswer, type ServiceCall } from './service-call';

export interface FrontDoorOptions {
  /** 0 for any free port. */
  readonly port: number;
  /** The region of calls that name none (unsigned ones). */
  readonly region: string;
  /** Runs before the call is forwarded: caller, operation, authorization, then any hooks. */
  readonly stages: () => readonly FrontDoorStage[];
  /** Where each service's calls go, by the service's name (`ServiceCall.service`). */
  readonly backends: () => ReadonlyMap<string, Backend>;
  readonly onError: (message: string) => void;
}

/**
 * The one AWS endpoint functions see (`AWS_ENDPOINT_URL`): every SDK call of every service comes here,
 * is identified, authorized and passed through the stages, then forwarded to the service's emulator or
 * answered by the runtime. A service with no backend never reaches anything (the routing stage answers).
 */
export class FrontDoor {
  private readonly forwarder = new Forwarder();

  private constructor(
    private readonly server: LoopbackServer,
    readonly url: string,
  ) {}

  static async listen(options: FrontDoorOptions): Promise<FrontDoor> {
    const created: { door?: FrontDoor } = {};
    const server = await listenOnLoopback(options.port, (request, response) => void created.door!.serve(request, response, options));
    created.door = new FrontDoor(server, `http://127.0.0.1:${server.port}`);
    return created.door;
  }

  private async serve(request: IncomingMessage, response: ServerResponse, options: FrontDoorOptions) {
    const aborted = new AbortController();
    response.on('close', () => {
      if (!response.writableEnded) aborted.abort();
    });
    let call: ServiceCall | undefined;
    try {
      const body = await readAll(request);
      const method = request.method ?? 'GET';
      const url = request.url ?? '/';
      const identity = identifyRequest(method, url, request.headers, body);
      call = { ...identity, region: identity.region ?? options.region, requestId: randomUUID(), method, url, headers: request.headers, body, signal: aborted.signal };
      const last = async (forwarded: ServiceCall): Promise<ServiceAnswer> => {
        const backend = options.backends().get(forwarded.service)!;
        if (!('endpoint' in backend)) return backend.handle(forwarded);
        await backend.ready?.();
        return this.forwarder.forward(backend.endpoint, forwarded, aborted.signal);
      };
      write(response, await pipeline(options.stages(), last)(call));
    } catch (error) {
      if (aborted.signal.aborted) return;
      const what = call ? `${call.service} ${call.operation}` : `${request.method} ${request.url}`;
      options.onError(`AWS front door: ${what} failed: ${(error as Error).stack}`);
      write(response, errorAnswer(call ?? { protocol: 'json', requestId: randomUUID() }, { code: 'InternalFailure', status: 500, message: String(error) }));
    }
  }

  async close(): Promise<void> {
    await this.server.close();
    this.forwarder.destroy();
  }
}

const write = (response: ServerResponse, answer: ServiceAnswer) => {
  if (response.destroyed) return;
  if (answer.resetConnection) {
    response.socket?.resetAndDestroy();
    return;
  }
  response.writeHead(answer.status, answer.headers);
  response.end(answer.body);
};
