import type { AppModel } from '../../local/assembly/app-model';
import type { FaultCounts } from '../../local/chaos/chaos';
import type { ServiceEndpoints } from '../../local/lambda/environment-variables';
import type { RequestCounts } from './request-counter';

export interface RuntimeProcessOptions {
  readonly projectDirectory: string;
  /** The cloud assembly to run (synthesized once for the whole benchmark). */
  readonly assembly: string;
  readonly eventSources: boolean;
  /** Put a counting proxy between the app and the emulators (see request-counter.ts). */
  readonly countRequests: boolean;
}

/** What the runtime measured of one function since the start or the last reset. */
export interface FunctionMeasures {
  readonly memoryMb: number;
  readonly durationsMs: number[];
  readonly initDurationsMs: number[];
  maxMemoryUsedMb: number;
  /** Bytes of log lines written (what CloudWatch Logs would ingest). */
  logBytes: number;
}

export type RunningModel = Omit<AppModel, 'notEmulated'>;

export interface RuntimeMeasures {
  readonly functions: Record<string, FunctionMeasures>;
  readonly requests?: RequestCounts;
}

/** What fault injection has on and has injected. */
export interface ChaosState {
  readonly describe: string[];
  readonly counts: FaultCounts;
}

export type ToRuntime =
  | { readonly type: 'measures' }
  | { readonly type: 'reset' }
  | { readonly type: 'stop' }
  /** Sets the faults (a `--chaos` spec; null: off). */
  | { readonly type: 'chaos'; readonly spec: string | null };

export type ToParent =
  | { readonly type: 'ready'; readonly url: string; readonly endpoints: ServiceEndpoints; readonly awsEndpoint: string; readonly region: string; readonly model: RunningModel }
  | ({ readonly type: 'measures' } & RuntimeMeasures)
  | { readonly type: 'reset' }
  | ({ readonly type: 'chaos' } & ChaosState);
