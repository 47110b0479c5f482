import { type ChildProcess, fork } from 'node:child_process';
import { createInterface } from 'node:readline';
import { stopChild } from '../emulators/stop-child';
import type { FromEnvironment, InvocationMeasures, LambdaError, ToEnvironment } from './protocol';

export type InvokeOutcome = { readonly ok: true; readonly payload: unknown } | { readonly ok: false; readonly error: LambdaError };

/** What Lambda reports about an invocation that reached the handler. */
export interface InvocationReport extends InvocationMeasures {
  /** Only on an environment's first invocation: how long loading the function took (Lambda's "Init Duration"). */
  readonly initDurationMs?: number;
}

export interface EnvironmentInvocation {
  readonly outcome: InvokeOutcome;
  /** Missing when the handler never answered (a timeout, a crash). */
  readonly report?: InvocationReport;
}

export interface EnvironmentOptions {
  readonly bootstrapFile: string;
  /** The Node.js binary that runs the environment. @default this process's */
  readonly execPath?: string;
  readonly codeDirectory: string;
  readonly env: Record<string, string>;
  readonly memoryMb: number;
  readonly onLog: (line: string) => void;
}

/** Lambda gives a function's init phase 10 seconds. */
const initTimeoutMs = 10_000;

/**
 * One Lambda execution environment: a Node.js process of its own that loads the function once and
 * then runs one invocation at a time. A timeout ends the process, as it ends the environment on Lambda.
 */
export class ExecutionEnvironment {
  /** Resolves when the init phase ends: with the init error, if any. */
  readonly ready: Promise<LambdaError | undefined>;
  private readonly child: ChildProcess;
  private pending?: { requestId: string; settle: (invocation: EnvironmentInvocation) => void; killBeforeAnswer?: () => boolean };
  /** Reported with the first invocation, as Lambda reports it. */
  private initDurationMs?: number;
  private exited = false;
  /** Set as soon as the environment is being ended, before its process has gone. */
  private ending = false;

  constructor(private readonly options: EnvironmentOptions) {
    this.child = fork(options.bootstrapFile, [], {
      execPath: options.execPath,
      cwd: options.codeDirectory,
      env: options.env,
      // Not the parent's flags (a TypeScript loader, for one): the function runs on plain Node, as on Lambda.
      // Source maps on, unlike on Lambda (docs/decisions/0016-no-source-maps-at-runtime.md): a stack trace in
      // `npm start`'s logs points at the TypeScript source; the bundle's map is beside it, if it has one.
      execArgv: [`--max-old-space-size=${Math.max(64, Math.floor(options.memoryMb * 0.9))}`, '--enable-source-maps'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', options.onLog);
    }
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      this.settle({
        ok: false,
        error: {
          errorType: 'Runtime.ExitError',
          errorMessage: `RequestId: ${this.pending?.requestId} Error: Runtime exited with error: ${signal ? `signal: ${signal}` : `exit status ${code}`}`,
        },
      });
    });
    this.ready = new Promise((resolve) => {
      const timer = setTimeout(() => {
        resolve({ errorType: 'Sandbox.Timedout', errorMessage: `Init phase did not complete within ${initTimeoutMs} ms` });
        void this.stop();
      }, initTimeoutMs);
      const done = (error?: LambdaError) => {
        clearTimeout(timer);
        resolve(error);
      };
      this.child.on('message', (message: FromEnvironment) => {
        if (message.type === 'ready') {
          this.initDurationMs = message.initDurationMs;
          done();
        }
        else if (message.type === 'init-error') {
          done(message.error);
          void this.stop();
        } else if (message.requestId === this.pending?.requestId) {
          // An answer still in the pipe when the process was killed dies with it; so does one that a kill
          // is chosen to come before: the exit settles the invocation as a crash.
          if (this.ending) return;
          if (this.pending.killBeforeAnswer?.()) return void this.kill();
          const { durationMs, memoryUsedMb } = message;
          const report = { durationMs, memoryUsedMb, initDurationMs: this.initDurationMs };
          this.initDurationMs = undefined;
          this.settle(message.type === 'result' ? { ok: true, payload: JSON.parse(message.payload) } : { ok: false, error: message.error }, report);
        }
      });
      this.child.on('exit', (code) => done({ errorType: 'Runtime.ExitError', errorMessage: `Runtime exited during init with exit status ${code}` }));
    });
  }

  get alive(): boolean {
    return !this.exited && !this.ending;
  }

  /**
   * Runs one invocation. `killBeforeAnswer` (fault injection) is asked when the handler answers: true
   * kills the process instead, so the invocation fails as a crash after the handler did its work.
   */
  invoke(
    event: unknown,
    request: { requestId: string; timeoutSeconds: number; traceId: string; functionArn: string },
    killBeforeAnswer?: () => boolean,
  ): Promise<EnvironmentInvocation> {
    const { requestId, timeoutSeconds, traceId, functionArn } = request;
    if (this.pending) throw new Error('An execution environment runs one invocation at a time');
    if (!this.alive) {
      return Promise.resolve({ outcome: { ok: false, error: { errorType: 'Runtime.ExitError', errorMessage: 'The execution environment has ended' } } });
    }
    const deadline = Date.now() + timeoutSeconds * 1000;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const errorMessage = `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
        this.options.onLog(`${new Date().toISOString()} ${errorMessage}`);
        this.kill();
        this.settle({ ok: false, error: { errorType: 'Sandbox.Timedout', errorMessage } });
      }, timeoutSeconds * 1000);
      this.pending = {
        requestId,
        settle: (invocation) => {
          clearTimeout(timer);
          resolve(invocation);
        },
        killBeforeAnswer,
      };
      const message: ToEnvironment = {
        type: 'invoke',
        requestId,
        event: JSON.stringify(event),
        deadline,
        traceId,
        invokedFunctionArn: functionArn,
      };
      // If the process is ending, its exit settles the invocation.
      this.child.send(message, () => undefined);
    });
  }

  /** Ends the process at once (SIGKILL), whatever it is doing; an invocation in flight fails with `Runtime.ExitError`. False if it had ended. */
  kill(): boolean {
    if (!this.alive) return false;
    this.ending = true;
    this.child.kill('SIGKILL');
    return true;
  }

  stop(): Promise<void> {
    this.ending = true;
    return stopChild(this.child, 1000);
  }

  private settle(outcome: InvokeOutcome, report?: InvocationReport) {
    const pending = this.pending;
    this.pending = undefined;
    pending?.settle({ outcome, report });
  }
}
