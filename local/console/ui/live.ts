import { useEffect, useState } from 'preact/hooks';
import type { LogLine, Overview } from './types';

/*
 * One server-sent event stream for the whole page: the overview once a second and log lines as they
 * come. Components subscribe with the hooks below.
 */
const keptLogLines = 2000;
let overview: Overview | undefined;
let logs: LogLine[] = [];
let failure: string | undefined;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

const events = new EventSource('/api/events');
events.addEventListener('overview', (event) => {
  overview = JSON.parse((event as MessageEvent<string>).data) as Overview;
  failure = undefined;
  notify();
});
events.addEventListener('logs', (event) => {
  logs = [...logs, ...(JSON.parse((event as MessageEvent<string>).data) as LogLine[])].slice(-keptLogLines);
  notify();
});
events.addEventListener('failure', (event) => {
  failure = (JSON.parse((event as MessageEvent<string>).data) as { detail: string }).detail;
  notify();
});
events.addEventListener('error', () => {
  failure = events.readyState === EventSource.CLOSED ? 'The console lost its connection to the runtime: is it still running?' : undefined;
  notify();
});

const useLive = <T>(read: () => T): T => {
  const [, setTick] = useState(0);
  useEffect(() => {
    const listener = () => setTick((tick) => tick + 1);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  return read();
};

export const useOverview = () => useLive(() => overview);
export const useLogs = () => useLive(() => logs);
export const useFailure = () => useLive(() => failure);
