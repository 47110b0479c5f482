import type { AccessLogEntry } from '../gateway/serving';
import type { RuntimeLog } from '../logs/runtime-log';
import type { RuntimeObserver } from './runtime-observer';

/** A path's or URL's last segment, without its query: `/orders/o-123?x=1` → `o-123`. */
export const lastSegment = (location: string) => location.split('?')[0]!.split('/').filter(Boolean).pop() ?? '';

/**
 * What a trail link names: the created resource's id (the `Location`'s last segment) when it looks like
 * one (8 characters or more, with a digit: not `/users/me`), else the request's correlation id.
 */
export const trailIdOf = (entry: AccessLogEntry): string | undefined => {
  if (!entry.location || (entry.status !== 201 && entry.status !== 202)) return undefined;
  const id = lastSegment(entry.location);
  return id.length >= 8 && /\d/.test(id) ? id : entry.correlationId;
};

/**
 * The runtime's log, also recorded for the console; after each request that created something (a 201 or
 * 202 with a `Location`, like an order placed), a line with the link to its trail in the console.
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
    const id = origin && trailIdOf(entry);
    if (id) log.info(`  trail: ${origin}/trail/${encodeURIComponent(id)}`);
  },
});
