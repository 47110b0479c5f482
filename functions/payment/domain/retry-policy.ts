import { type BackoffPolicy, backoffDelayMs } from '#shared/backoff';

/**
 * How the Payment service treats a provider that does not answer. Within one delivery of a payment
 * request: up to `maxAttempts` calls, each cut off after `attemptTimeoutMs`, with full-jitter backoff
 * between them. If that is not enough, or the breaker is open, the request is put back on its queue
 * with a delay ("wait and retry later"), until `maxWaitMs` after the order asked for the payment;
 * then the payment is declined as `payment-provider-unavailable`, and the order's stock is released.
 */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly attemptTimeoutMs: number;
  readonly backoff: BackoffPolicy;
  readonly maxWaitMs: number;
}

/** SQS holds a message back for at most 15 minutes. */
export const maxDeferralSeconds = 900;
const deferralBackoff = { baseDelayMs: 5_000, maxDelayMs: 300_000 };

/** A wait as a message delay: whole seconds, from 1 to the SQS maximum. */
const delaySecondsFor = (waitMs: number) => Math.min(maxDeferralSeconds, Math.max(1, Math.ceil(waitMs / 1000)));

/** The pause before attempt `attempt + 1` within one delivery, or undefined when the attempts are used up. */
export const delayBeforeNextAttempt = (policy: RetryPolicy, attempt: number, random: () => number = Math.random): number | undefined =>
  attempt < policy.maxAttempts ? backoffDelayMs(policy.backoff, attempt, random) : undefined;

/**
 * How long to put a payment request off: at least until the breaker lets calls through again, and
 * longer the more often the request was put off already. Between 1 s and the SQS maximum; and, while
 * the payment may still be given up (`untilGiveUpMs` ahead), no later than then, so that a payment is
 * given up when it is due, not up to a deferral later.
 */
export const deferralSeconds = (deferrals: number, retryAfterMs: number, random: () => number = Math.random, untilGiveUpMs?: number): number => {
  const backoffMs = deferralBackoff.baseDelayMs + backoffDelayMs(deferralBackoff, deferrals + 1, random);
  const waitMs = untilGiveUpMs !== undefined && untilGiveUpMs > 0 ? Math.min(Math.max(retryAfterMs, backoffMs), untilGiveUpMs) : Math.max(retryAfterMs, backoffMs);
  return delaySecondsFor(waitMs);
};

/** How long to hold back a request that found another delivery's lease on its payment: until a second after the lease ends. */
export const leaseEndDelaySeconds = (heldUntil: number, now: number): number => delaySecondsFor(heldUntil - now + 1_000);

/** How long until the payment may be given up (negative once it may). */
export const untilGiveUpMs = (requestedAt: string, now: number, policy: RetryPolicy): number => Date.parse(requestedAt) + policy.maxWaitMs - now;

/** Whether the order has waited long enough for a payment that cannot be attempted. */
export const waitedTooLong = (requestedAt: string, now: number, policy: RetryPolicy): boolean => untilGiveUpMs(requestedAt, now, policy) <= 0;
