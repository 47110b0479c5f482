import type { RuntimeLog } from '../../../local/logs/runtime-log';

/** When the runtime got the line that told of it, in ms since the epoch. */
export type Observed<T> = T & { readonly at: number };

/**
 * Keeps what the runtime logs. The conformance handlers log one JSON object per thing they see
 * (`{"conformance": "<kind>", ...}`); tests read those to know what each function received.
 */
export class RecordingLog implements RuntimeLog {
  readonly functionLines: { functionName: string; line: string; at: number }[] = [];
  /** What the runtime warned of while running (a poller's error, for one). */
  readonly warnings: string[] = [];
  /** Its progress lines (start-up steps). */
  readonly infos: string[] = [];

  info(message: string): void {
    this.infos.push(message);
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  functionLine(fn: { displayName: string }, line: string): void {
    this.functionLines.push({ functionName: fn.displayName, line, at: Date.now() });
  }

  access(): void {}

  observations<T = Record<string, unknown>>(kind: string): Observed<T>[] {
    return this.functionLines.flatMap(({ line, at }) => {
      const start = line.indexOf('{"conformance":');
      if (start < 0) return [];
      const observation = JSON.parse(line.slice(start)) as { conformance: string };
      return observation.conformance === kind ? [{ ...observation, at } as unknown as Observed<T>] : [];
    });
  }

  linesOf(functionName: string): string[] {
    return this.functionLines.filter((entry) => entry.functionName === functionName).map((entry) => entry.line);
  }
}
