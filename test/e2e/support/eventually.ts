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
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
    }
  }
};
