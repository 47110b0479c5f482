import type { RuntimeLog } from '../logs/runtime-log';
import type { RuntimeObserver } from './runtime-observer';

const lastSegment = (location: string) => location.split('?')[0]!.split('/').filter(Boolean).pop();

/**
 * The runtime's log, also recorded for the console; after each request that created something (a 201 or
 * 202 with a `Location`), a line with the link to its trail, once the console has an origin.
 */
export const observedLog = (log: RuntimeLog, observer: RuntimeObserver, consoleOrigin: () => string | undefined): RuntimeLog => ({
  info: (message) => log.info(message),
  warn: (message) => {
    observer.warning(message);
    log.warn(message);
  },
  functionLine: (fn, line) => {
    observer.functionLine(fn, line);
    log.functionLine(fn, line);
  },
  access: (api, entry) => {
    observer.request(api, entry);
    log.access(api, entry);
    const origin = consoleOrigin();
    const created = entry.location && (entry.status === 201 || entry.status === 202) ? lastSegment(entry.location) : undefined;
    if (origin && created) log.info(`  trail: ${origin}/trail/${encodeURIComponent(created)}`);
  },
});
