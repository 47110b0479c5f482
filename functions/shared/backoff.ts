/**
 * "Full jitter" exponential backoff (AWS Architecture Blog, "Exponential Backoff And Jitter"): a random
 * delay between zero and an exponentially growing cap, so clients that failed together do not retry
 * together.
 */
export interface BackoffPolicy {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** The delay before retry number `retry` (1 for the first retry); `random` returns [0, 1). */
export const backoffDelayMs = (policy: BackoffPolicy, retry: number, random: () => number = Math.random): number => {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * cap);
};

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
