import { parseFunctionLine } from '../logs/pretty-log';
import type { ObservedLogLine } from '../observe/runtime-observer';

/** A log line as the console shows and filters it. */
export interface LogView {
  readonly seq: number;
  readonly at: number;
  readonly source: ObservedLogLine['source'];
  /** The function's or the API's name, or `runtime`. */
  readonly name: string;
  readonly level?: string;
  readonly message: string;
  /** The rest of a JSON line, `key=value`. */
  readonly fields?: string;
  readonly correlationId?: string;
  /** The Lambda request id of the invocation that wrote it. */
  readonly requestId?: string;
}

const views = new WeakMap<ObservedLogLine, LogView>();

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** Parses a line once (Powertools JSON, Lambda text, plain), however often it is shown. */
export const logView = (line: ObservedLogLine): LogView => {
  let view = views.get(line);
  if (view) return view;
  const { seq, at, source, name } = line;
  if (source !== 'function') {
    view = { seq, at, source, name, level: source === 'runtime' ? 'WARN' : undefined, message: line.line };
  } else {
    const parsed = parseFunctionLine(line.line);
    const entry = parsed.entry ?? {};
    view = {
      seq,
      at,
      source,
      name,
      level: parsed.level,
      // A metrics line has its values as fields and no message.
      message: parsed.message || parsed.fields || line.line,
      fields: (parsed.message && parsed.fields) || undefined,
      correlationId: text(entry.correlation_id) ?? text(entry.correlationId),
      requestId: text(entry.function_request_id) ?? text(entry.requestId) ?? parsed.requestId,
    };
  }
  views.set(line, view);
  return view;
};
