import { fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { ServiceEndpoints } from '../../local/lambda/environment-variables';
import { stopChild } from '../../local/emulators/stop-child';
import type { ChaosState, RunningModel, RuntimeMeasures, RuntimeProcessOptions, ToParent, ToRuntime } from './runtime-protocol';

export interface RuntimeProcess {
  /** The runtime's process: its descendants are the emulators and the functions' execution environments. */
  readonly pid: number;
  readonly url: string;
  readonly endpoints: ServiceEndpoints;
  /** The AWS front door that functions call. */
  readonly awsEndpoint: string;
  readonly region: string;
  readonly model: RunningModel;
  /** Durations, memory and log bytes per function (and request counts, if counted) since the start or the last reset. */
  measures(): Promise<RuntimeMeasures>;
  resetMeasures(): Promise<void>;
  /** Sets the faults injected (a `--chaos` spec; null turns them off); answers what is on and the faults injected so far. */
  chaos(spec: string | null): Promise<ChaosState>;
  stop(): Promise<void>;
}

/** Starts the local runtime on an assembly in a child process (runtime-child.ts) and waits until it serves. */
export const startRuntimeProcess = async (options: RuntimeProcessOptions): Promise<RuntimeProcess> => {
  const child = fork(join(__dirname, 'runtime-child.ts'), [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_RUNTIME_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_RUNTIME_PROFILE}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`The local runtime's process exited (code ${code})`);
  });
  exited.catch(() => undefined);
  const next = async <T extends ToParent['type']>(type: T): Promise<Extract<ToParent, { type: T }>> => {
    const message = new Promise<ToParent>((resolve) => {
      const listener = (received: ToParent) => {
        if (received.type !== type) return;
        child.off('message', listener);
        resolve(received);
      };
      child.on('message', listener);
    });
    return (await Promise.race([message, exited])) as Extract<ToParent, { type: T }>;
  };
  const ask = <T extends ToParent['type']>(message: ToRuntime, answer: T) => {
    const answered = next(answer);
    child.send(message);
    return answered;
  };
  const ready = await next('ready').catch(async (error: unknown) => {
    await stopChild(child);
    throw error;
  });
  return {
    pid: child.pid!,
    url: ready.url,
    endpoints: ready.endpoints,
    awsEndpoint: ready.awsEndpoint,
    region: ready.region,
    model: ready.model,
    measures: async () => {
      const { type: _, ...measures } = await ask({ type: 'measures' }, 'measures');
      return measures;
    },
    resetMeasures: async () => void (await ask({ type: 'reset' }, 'reset')),
    chaos: async (spec) => {
      const { type: _, ...state } = await ask({ type: 'chaos', spec }, 'chaos');
      return state;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      child.send({ type: 'stop' } satisfies ToRuntime);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited.catch(() => undefined);
      clearTimeout(timer);
    },
  };
};
