import type { FunctionSpec } from '../assembly/app-model';
import type { AccessLogEntry } from '../gateway/serving';

/** Where the runtime's own messages, the functions' log lines and the gateway's access log go. */
export interface RuntimeLog {
  /** A start-up step or other progress, for the person watching. */
  info(message: string): void;
  warn(message: string): void;
  functionLine(fn: FunctionSpec, line: string): void;
  access(api: { readonly name: string }, entry: AccessLogEntry): void;
}

export const silentLog: RuntimeLog = {
  info: () => undefined,
  warn: () => undefined,
  functionLine: () => undefined,
  access: () => undefined,
};
