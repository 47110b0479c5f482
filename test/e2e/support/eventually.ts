import { sleep } from '../../../functions/shared/backoff';

export interface EventuallyOptions {
  /** @default 15000 */
  readonly timeoutMs?: number;
  /** @default 100 */
  readonly intervalMs?: number;
}

/**
 * Retries `probe` until it returns without throwing, and returns its value; after the deadline the
 * probe's last error fails the test. For asynchronous outcomes (a message processed, a queue filled):
 * a deadline, never a fixed sleep.
 */
export const eventually = async <T>(probe: () => T | Promise<T>, options: EventuallyOptions = {}): Promise<T> => {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(options.intervalMs ?? 100);
    }
  }
};

/**
 * Reads until `done` holds, or the time is up; answers whether it held, and the last state read. Unlike
 * `eventually`, running out of time is an answer, not a failure: the caller goes on (to the next
 * sweep, the next order). Never a fixed sleep: it returns as soon as `done` holds.
 */
export const pollUntil = async <T>(read: () => Promise<T>, done: (state: T) => boolean, timeoutMs: number, intervalMs = 500): Promise<{ reached: boolean; state: T }> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await read();
    if (done(state)) return { reached: true, state };
    if (Date.now() > deadline) return { reached: false, state };
    await sleep(intervalMs);
  }
};
