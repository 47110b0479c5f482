import { randomBytes, randomUUID } from 'node:crypto';
import type { FunctionSpec } from '../assembly/app-model';
import { ExecutionEnvironment, type InvocationReport, type InvokeOutcome } from './execution-environment';
import type { FunctionRuntime } from './lambda-runtimes';
import type { LambdaError } from './protocol';

/** One invocation as fault injection sees it (local/chaos): which function, and a way to kill its environment. */
export interface RunningInvocation {
  readonly fn: FunctionSpec;
  readonly requestId: string;
  /** Kills the execution environment at once (SIGKILL); false if it had ended. */
  kill(): boolean;
}

/** Fault injection's hold on invocations (local/chaos). */
export interface InvocationFaults {
  /** Told as each invocation starts. */
  started(invocation: RunningInvocation): {
    /** Asked when the handler answers: true kills the environment instead, the answer unsent. */
    killBeforeAnswer(): boolean;
    ended(): void;
  };
}

export interface PoolSettings {
  readonly bootstrapFile: string;
  /** Most execution environments one function may have at once (its reserved concurrency may lower it). */
  readonly maxEnvironments: number;
  /** The Node.js build and module path each function runs with. @default this process's Node.js */
  readonly runtimeOf?: (fn: FunctionSpec) => FunctionRuntime;
  readonly environmentVariables: (fn: FunctionSpec, runtime?: FunctionRuntime) => Record<string, string>;
  readonly onLog: (fn: FunctionSpec, line: string) => void;
  /** After every invocation that reached the handler, with what Lambda would report about it. */
  readonly onInvocation?: (fn: FunctionSpec, report: InvocationReport) => void;
  /** After every invocation, whatever its outcome: for the console (local/observe). */
  readonly onInvoked?: (fn: FunctionSpec, invocation: Invocation & { event: unknown; startedAt: number; report?: InvocationReport }) => void;
  /** Fault injection, if on: it may kill environments while they run an invocation. */
  readonly faults?: InvocationFaults;
}

export interface Invocation {
  readonly requestId: string;
  readonly outcome: InvokeOutcome;
}

/** An X-Ray trace header as Lambda sets it per invocation; not sampled, so no SDK tries to send segments. */
const traceHeader = () =>
  `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=0`;

/**
 * The execution environments of one function. A request takes an idle environment (the most recently
 * used, so a warm one), or starts a new one while the function is under its limit, or waits for one.
 */
export class FunctionPool {
  private readonly environments = new Set<ExecutionEnvironment>();
  private readonly idle: ExecutionEnvironment[] = [];
  private readonly waiters: (() => void)[] = [];
  private retired = false;

  constructor(
    readonly spec: FunctionSpec,
    private readonly settings: PoolSettings,
  ) {}

  private get limit() {
    return Math.min(this.spec.reservedConcurrency ?? Infinity, this.settings.maxEnvironments);
  }

  async invoke(event: unknown): Promise<Invocation> {
    const startedAt = Date.now();
    const invocation = await this.run(event);
    this.settings.onInvoked?.(this.spec, { ...invocation, event, startedAt });
    return { requestId: invocation.requestId, outcome: invocation.outcome };
  }

  private async run(event: unknown): Promise<Invocation & { report?: InvocationReport }> {
    const requestId = randomUUID();
    if (this.retired) return { requestId, outcome: failure('ServiceException', 'The function is being replaced') };
    if (this.limit === 0) return { requestId, outcome: failure('TooManyRequestsException', 'Rate Exceeded.') };
    const environment = await this.acquire();
    if (!(environment instanceof ExecutionEnvironment)) return { requestId, outcome: { ok: false, error: environment } };
    const faults = this.settings.faults?.started({ fn: this.spec, requestId, kill: () => environment.kill() });
    try {
      const request = { requestId, timeoutSeconds: this.spec.timeoutSeconds, traceId: traceHeader(), functionArn: this.spec.arn };
      const { outcome, report } = await environment.invoke(event, request, faults && (() => faults.killBeforeAnswer()));
      if (report) this.settings.onInvocation?.(this.spec, report);
      return { requestId, outcome, report };
    } finally {
      faults?.ended();
      this.release(environment);
    }
  }

  /** Ends idle environments now and busy ones when their invocation ends: for a function being replaced. */
  retire(): void {
    this.retired = true;
    for (const environment of this.idle.splice(0)) void this.end(environment);
    for (const wake of this.waiters.splice(0)) wake();
  }

  async stop(): Promise<void> {
    this.retire();
    await Promise.all([...this.environments].map((environment) => this.end(environment)));
  }

  private async acquire(): Promise<ExecutionEnvironment | LambdaError> {
    for (;;) {
      if (this.retired) return { errorType: 'ServiceException', errorMessage: 'The function is being replaced' };
      const idle = this.idle.pop();
      if (idle?.alive) return idle;
      if (idle) {
        this.environments.delete(idle);
        continue;
      }
      if (this.environments.size < this.limit) return this.start();
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private async start(): Promise<ExecutionEnvironment | LambdaError> {
    const runtime = this.settings.runtimeOf?.(this.spec);
    const environment = new ExecutionEnvironment({
      bootstrapFile: this.settings.bootstrapFile,
      execPath: runtime?.execPath,
      codeDirectory: this.spec.codeDirectory,
      env: this.settings.environmentVariables(this.spec, runtime),
      memoryMb: this.spec.memoryMb,
      onLog: (line) => this.settings.onLog(this.spec, line),
    });
    this.environments.add(environment);
    const initError = await environment.ready;
    if (!initError) return environment;
    this.environments.delete(environment);
    this.waiters.shift()?.();
    return initError;
  }

  private release(environment: ExecutionEnvironment) {
    if (environment.alive && !this.retired) this.idle.push(environment);
    else void this.end(environment);
    this.waiters.shift()?.();
  }

  private async end(environment: ExecutionEnvironment) {
    this.environments.delete(environment);
    await environment.stop();
  }
}

const failure = (errorType: string, errorMessage: string): InvokeOutcome => ({ ok: false, error: { errorType, errorMessage } });
