import { format } from 'node:util';
import type { LambdaError } from './protocol';

/**
 * `console.*` inside a function writes what Lambda's Node.js runtime writes: JSON lines with the
 * request id when the function's log format is JSON, tab-separated text otherwise, filtered by the
 * function's application log level.
 */
const levelOf = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO', log: 'INFO', warn: 'WARN', error: 'ERROR' } as const;
const rank = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4, FATAL: 5 } as const;
type Level = keyof typeof rank;

let requestIdOf: () => string | undefined = () => undefined;

const write = (level: Level, message: unknown) => {
  const minimum = rank[(process.env.AWS_LAMBDA_LOG_LEVEL ?? 'TRACE') as Level] ?? 0;
  if (rank[level] < minimum) return;
  const timestamp = new Date().toISOString();
  const requestId = requestIdOf();
  const line =
    process.env.AWS_LAMBDA_LOG_FORMAT === 'JSON'
      ? JSON.stringify({ timestamp, level, requestId, message })
      : [timestamp, requestId ?? 'undefined', level, typeof message === 'string' ? message : JSON.stringify(message)].join('\t');
  process.stdout.write(`${line}\n`);
};

export const formatConsole = (requestId: () => string | undefined): void => {
  requestIdOf = requestId;
  for (const [method, level] of Object.entries(levelOf)) {
    (console as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => write(level, format(...args));
  }
};

/** How the runtime itself reports a failed init or invocation in the function's log. */
export const logRuntimeError = (what: string, error: LambdaError): void =>
  write('ERROR', process.env.AWS_LAMBDA_LOG_FORMAT === 'JSON'
    ? { errorType: error.errorType, errorMessage: error.errorMessage, stackTrace: error.trace ?? [] }
    : `${what} \t${JSON.stringify({ errorType: error.errorType, errorMessage: error.errorMessage, stack: error.trace ?? [] })}`);
