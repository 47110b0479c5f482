import type { Admission } from './circuit-breaker';
import { type ChargeOutcome, type PaymentProvider, ProviderTimeoutError, ProviderUnavailableError } from './provider';
import { delayBeforeNextAttempt, type RetryPolicy } from './retry-policy';

/** The shared circuit breaker, as the charging logic uses it. */
export interface Breaker {
  admit(): Promise<Admission>;
  recordSuccess(): Promise<void>;
  recordFailure(): Promise<void>;
}

/** The provider cannot be reached now; the payment should be tried again later, not given up. */
export class PaymentDeferredError extends Error {
  constructor(
    readonly retryAfterMs: number,
    options?: ErrorOptions,
  ) {
    super(`The payment provider is unavailable; try again in ${retryAfterMs} ms`, options);
    this.name = 'PaymentDeferredError';
  }
}

export interface ChargeDependencies {
  readonly provider: PaymentProvider;
  readonly breaker: Breaker;
  readonly policy: RetryPolicy;
  /** Called before every call to the provider (the caller counts them, and records the count with the payment). */
  readonly beforeAttempt: () => void;
  /** Called when a call is abandoned without an answer: it may have charged all the same. */
  readonly onAbandoned?: () => void;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

/** Stops waiting for a provider after `ms`, and tells it so through the signal. */
export const withTimeout = async <T>(ms: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> => {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ProviderTimeoutError(`The provider did not answer within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([call(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * Charges once, through the breaker, with a timeout per call and backoff between calls. A decline is
 * an answer: it is returned, not retried. Only transient failures are retried; when they persist, or
 * the breaker is open, PaymentDeferredError says when to try again.
 */
export const charge = async (
  request: { idempotencyKey: string; amountCents: number; paymentToken: string },
  deps: ChargeDependencies,
): Promise<ChargeOutcome> => {
  for (let attempt = 1; ; attempt++) {
    const admission = await deps.breaker.admit();
    if (admission.kind === 'wait') throw new PaymentDeferredError(admission.retryAfterMs);
    deps.beforeAttempt();
    try {
      const outcome = await withTimeout(deps.policy.attemptTimeoutMs, (signal) => deps.provider.charge({ ...request, signal }));
      await deps.breaker.recordSuccess();
      return outcome;
    } catch (error) {
      if (!(error instanceof ProviderUnavailableError)) throw error;
      if (error instanceof ProviderTimeoutError) deps.onAbandoned?.();
      await deps.breaker.recordFailure();
      const delay = delayBeforeNextAttempt(deps.policy, attempt, deps.random);
      if (delay === undefined) throw new PaymentDeferredError(0, { cause: error });
      await deps.sleep(delay);
    }
  }
};
