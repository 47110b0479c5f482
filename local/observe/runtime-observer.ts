import { EventEmitter } from 'node:events';
import type { FunctionSpec } from '../assembly/app-model';
import type { ServiceAnswer, ServiceCall } from '../front-door/service-call';
import type { AccessLogEntry } from '../gateway/serving';
import type { InvokeOutcome } from '../lambda/execution-environment';
import type { InvocationReport } from '../lambda/execution-environment';
import type { LambdaError } from '../lambda/protocol';
import { type InvocationTrigger, invocationTrigger } from './invocation-trigger';
import { RingBuffer } from './ring-buffer';

/** One request a gateway (HTTP API, REST API, function URL) answered. */
export interface ObservedRequest {
  readonly at: number;
  readonly api: string;
  readonly entry: AccessLogEntry;
}

/** One invocation of a function, whatever started it. */
export interface ObservedInvocation {
  readonly at: number;
  readonly function: string;
  readonly requestId: string;
  readonly durationMs: number;
  readonly outcome: 'ok' | 'error';
  readonly error?: LambdaError;
  readonly coldStart: boolean;
  readonly trigger: InvocationTrigger;
}

/** One AWS call a function (or the local operator) made through the front door, with its answer. */
export interface ObservedCall {
  readonly at: number;
  readonly durationMs: number;
  readonly caller: string;
  readonly service: string;
  readonly operation: string;
  readonly input: Record<string, unknown>;
  readonly status: number;
  readonly answer: Buffer;
}

/** A line of the log: a function's own, the gateway's access line, or the runtime's warning. */
export interface ObservedLogLine {
  readonly seq: number;
  readonly at: number;
  readonly source: 'function' | 'http' | 'runtime';
  /** The function's or the API's name. */
  readonly name: string;
  readonly line: string;
}

export interface FunctionStats {
  invocations: number;
  errors: number;
  coldStarts: number;
  readonly durations: RingBuffer<number>;
  lastError?: { readonly at: number; readonly message: string };
}

export interface RouteStats {
  readonly api: string;
  readonly routeKey: string;
  requests: number;
  clientErrors: number;
  serverErrors: number;
  readonly latencies: RingBuffer<number>;
}

export interface InvocationDetails {
  readonly requestId: string;
  readonly event: unknown;
  readonly startedAt: number;
  readonly outcome: InvokeOutcome;
  readonly report?: InvocationReport;
}

const operatorReads = /^(Receive|Get|List|Describe|Query|Scan)/;

/** How much of the recent past the console can show; older entries give way. */
const capacity = { requests: 5000, invocations: 5000, calls: 10000, logs: 10000, samples: 1000 } as const;

/**
 * What the console shows, as it happens: the gateways' requests, the functions' invocations and log
 * lines, and the AWS calls through the front door. Recording is cheap (a push into a bounded ring and a
 * few counters) so the hot path barely notices; reading and correlating happen when someone asks.
 * Listeners of `'log'` get each log line as it is recorded.
 */
export class RuntimeObserver extends EventEmitter<{ log: [ObservedLogLine] }> {
  readonly requests = new RingBuffer<ObservedRequest>(capacity.requests);
  readonly invocations = new RingBuffer<ObservedInvocation>(capacity.invocations);
  readonly calls = new RingBuffer<ObservedCall>(capacity.calls);
  readonly logs = new RingBuffer<ObservedLogLine>(capacity.logs);
  readonly functionStats = new Map<string, FunctionStats>();
  readonly routeStats = new Map<string, RouteStats>();
  /** Grows with every recorded entry: a reader can tell whether anything happened since it last looked. */
  version = 0;
  private logSeq = 0;

  request(api: { readonly name: string }, entry: AccessLogEntry): void {
    const at = Date.now() - entry.durationMs;
    this.requests.push({ at, api: api.name, entry });
    const key = `${api.name} ${entry.routeKey}`;
    let stats = this.routeStats.get(key);
    if (!stats) this.routeStats.set(key, (stats = { api: api.name, routeKey: entry.routeKey, requests: 0, clientErrors: 0, serverErrors: 0, latencies: new RingBuffer(capacity.samples) }));
    stats.requests++;
    if (entry.status >= 500) stats.serverErrors++;
    else if (entry.status >= 400) stats.clientErrors++;
    stats.latencies.push(entry.durationMs);
    this.log('http', api.name, `${entry.method} ${entry.path} → ${entry.status} ${entry.durationMs} ms${entry.reason ? ` (${entry.reason})` : ''}`);
  }

  invocation(fn: FunctionSpec, details: InvocationDetails): void {
    const { outcome, report } = details;
    const durationMs = report?.durationMs ?? Date.now() - details.startedAt;
    const coldStart = report?.initDurationMs !== undefined;
    const error = outcome.ok ? undefined : outcome.error;
    this.invocations.push({
      at: details.startedAt,
      function: fn.displayName,
      requestId: details.requestId,
      durationMs,
      outcome: outcome.ok ? 'ok' : 'error',
      error,
      coldStart,
      trigger: invocationTrigger(details.event),
    });
    let stats = this.functionStats.get(fn.displayName);
    if (!stats) this.functionStats.set(fn.displayName, (stats = { invocations: 0, errors: 0, coldStarts: 0, durations: new RingBuffer(capacity.samples) }));
    stats.invocations++;
    stats.durations.push(durationMs);
    if (coldStart) stats.coldStarts++;
    if (error) {
      stats.errors++;
      stats.lastError = { at: Date.now(), message: `${error.errorType}: ${error.errorMessage}` };
    }
    this.version++;
  }

  functionLine(fn: FunctionSpec, line: string): void {
    this.log('function', fn.displayName, line);
  }

  warning(message: string): void {
    this.log('runtime', 'runtime', message);
  }

  /**
   * A front door stage that records each call and its answer (first among the hooks, so it sees what
   * they answer). The operator's reads are left out: they are mostly the SQS pollers' long polls, which
   * would push everything else out of the ring.
   */
  readonly frontDoorStage = async (call: ServiceCall, next: () => Promise<ServiceAnswer>): Promise<ServiceAnswer> => {
    const at = Date.now();
    const answer = await next();
    if (call.caller?.kind !== 'function' && operatorReads.test(call.operation)) return answer;
    this.calls.push({
      at,
      durationMs: Date.now() - at,
      caller: call.caller?.kind === 'function' ? call.caller.functionName : 'local operator',
      service: call.service,
      operation: call.operation,
      input: call.input ?? {},
      status: answer.status,
      answer: answer.body,
    });
    this.version++;
    return answer;
  };

  private log(source: ObservedLogLine['source'], name: string, line: string) {
    const entry = { seq: ++this.logSeq, at: Date.now(), source, name, line };
    this.logs.push(entry);
    this.version++;
    if (this.listenerCount('log') > 0) this.emit('log', entry);
  }
}
