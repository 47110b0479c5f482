import { format } from 'node:util';
import type { FunctionSpec } from '../assembly/app-model';
import type { RuntimeLog } from './runtime-log';

/** Keys every Powertools or Lambda log line carries; the readable view leaves them out. */
const standardKeys = new Set([
  'level',
  'message',
  'timestamp',
  'time',
  'service',
  'cold_start',
  'function_arn',
  'function_memory_size',
  'function_name',
  'function_request_id',
  'xray_trace_id',
  'sampling_rate',
  'requestId',
  'correlation_id',
  'error',
]);

const colors = { red: 31, yellow: 33, gray: 90, cyan: 36, magenta: 35, green: 32, blue: 34 } as const;
type Color = keyof typeof colors;
const palette: Color[] = ['cyan', 'magenta', 'green', 'blue', 'yellow'];

export interface ParsedLine {
  level?: string;
  message: string;
  /** A JSON line's own object (Powertools' `correlation_id`, `function_request_id`, ...). */
  entry?: Record<string, unknown>;
  /** A Lambda text line's request id. */
  requestId?: string;
  /** The entry's own keys, `key=value`, shown after the message. */
  fields?: string;
  /** Lines shown under the message: a stack trace. */
  details: string[];
}

const levelColor = (level: string | undefined): Color | undefined =>
  level === 'ERROR' || level === 'CRITICAL' || level === 'FATAL' ? 'red' : level === 'WARN' ? 'yellow' : undefined;

const valueText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** The metric values of a CloudWatch embedded metric format line, without its `_aws` metadata. */
const metricValues = (entry: Record<string, unknown>): ParsedLine => ({
  level: 'METRICS',
  message: '',
  fields: Object.entries(entry)
    .filter(([key]) => key !== '_aws' && !standardKeys.has(key))
    .map(([key, value]) => `${key}=${valueText(value)}`)
    .join(' '),
  details: [],
});

/** A Powertools or Lambda JSON line, a Lambda text line (`time\trequestId\tLEVEL\tmessage`), or any other line. */
export const parseFunctionLine = (line: string): ParsedLine => {
  if (line.startsWith('{')) {
    try {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (typeof entry._aws === 'object') return metricValues(entry);
      const extras = Object.entries(entry).filter(([key]) => !standardKeys.has(key));
      const fields = extras.map(([key, value]) => `${key}=${valueText(value)}`).join(' ');
      const details: string[] = [];
      const error = (entry.error ?? (typeof entry.message === 'object' ? entry.message : undefined)) as Record<string, unknown> | undefined;
      if (error) {
        const stack = error.stack ?? error.stackTrace ?? error.trace;
        details.push(...(Array.isArray(stack) ? stack.map(String) : typeof stack === 'string' ? stack.split('\n') : [`${valueText(error.name ?? error.errorType)}: ${valueText(error.message ?? error.errorMessage)}`]));
      }
      const message = typeof entry.message === 'string' ? entry.message : error ? `${valueText(error.errorType ?? error.name)}: ${valueText(error.errorMessage ?? error.message)}` : '';
      return { level: typeof entry.level === 'string' ? entry.level.toUpperCase() : undefined, message, fields, details, entry };
    } catch {
      // Not JSON after all: shown as it is.
    }
  }
  const text = /^\S+\t(\S+)\t([A-Z]+)\t([\s\S]*)$/.exec(line);
  if (text) return { level: text[2], message: text[3]!, details: [], requestId: text[1] };
  return { message: line, details: [] };
};

/** Function logs for a person: time, the function's name, level, message, then the rest of the entry. */
export const prettyLog = (write: (text: string) => void, useColor: boolean): RuntimeLog => {
  const paint = (color: Color | undefined, text: string) => (useColor && color ? `\u001b[${colors[color]}m${text}\u001b[39m` : text);
  const nameColors = new Map<string, Color>();
  const nameColor = (name: string) => {
    if (!nameColors.has(name)) nameColors.set(name, palette[nameColors.size % palette.length]!);
    return nameColors.get(name)!;
  };
  const time = () => paint('gray', new Date().toISOString().slice(11, 23));
  const emit = (source: string, color: Color, level: string | undefined, message: string, fields = '', details: string[] = []) => {
    const text = [message, fields && paint('gray', fields)].filter(Boolean).join(' ');
    const head = `${time()} ${paint(color, source)} ${level ? `${paint(levelColor(level) ?? 'gray', level)} ` : ''}${text}`;
    write(`${[head, ...details.map((detail) => `    ${paint('gray', detail)}`)].join('\n')}\n`);
  };
  return {
    info: (message) => write(`${message}\n`),
    warn: (message) => write(`${paint('yellow', message)}\n`),
    functionLine: (fn: FunctionSpec, line: string) => {
      const { level, message, fields, details } = parseFunctionLine(line);
      emit(fn.displayName, nameColor(fn.displayName), level, message, fields, details);
    },
    access: (api, entry) => {
      const status = paint(entry.status >= 500 ? 'red' : entry.status >= 400 ? 'yellow' : 'green', String(entry.status));
      const reason = entry.reason ? paint('gray', ` (${entry.reason})`) : '';
      emit(`${api.name} http`, 'gray', undefined, format('%s %s → %s %d ms%s', entry.method, entry.path, status, entry.durationMs, reason));
    },
  };
};
