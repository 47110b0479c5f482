import type { RuntimeLog } from './runtime-log';

/** Every line as one JSON object, for tools: function lines keep their own fields and gain `function`. */
export const jsonLog = (write: (text: string) => void): RuntimeLog => {
  const emit = (entry: Record<string, unknown>) => write(`${JSON.stringify(entry)}\n`);
  return {
    info: (message) => emit({ source: 'runtime', level: 'INFO', message }),
    warn: (message) => emit({ source: 'runtime', level: 'WARN', message }),
    functionLine: (fn, line) => {
      let entry: Record<string, unknown> | undefined;
      try {
        const parsed: unknown = JSON.parse(line);
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) entry = parsed as Record<string, unknown>;
      } catch {
        // A plain text line.
      }
      emit({ function: fn.displayName, ...(entry ?? { message: line }) });
    },
    access: (api, entry) => emit({ source: 'http', api: api.name, ...entry }),
  };
};
