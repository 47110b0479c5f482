/**
 * A circuit breaker around the payment provider. After `failureThreshold` transient failures in a row
 * it opens: for `openMs` no call is made. Then one call at a time is let through as a probe
 * (half-open); its success closes the breaker, its failure opens it again. A probe that never reports
 * back (its function crashed) is replaced after `probeTimeoutMs`.
 *
 * The state is plain data so every execution environment can share it through a store.
 */
export type BreakerState =
  | { readonly state: 'closed'; readonly failures: number }
  | { readonly state: 'open'; readonly until: number }
  | { readonly state: 'half-open'; readonly probeUntil: number };

export interface BreakerPolicy {
  readonly failureThreshold: number;
  readonly openMs: number;
  readonly probeTimeoutMs: number;
}

/** Also the state after any call the provider answered (a decline is an answer too). */
export const closedBreaker: BreakerState = { state: 'closed', failures: 0 };

export type Admission = { readonly kind: 'call' } | { readonly kind: 'wait'; readonly retryAfterMs: number };

/** Whether a call may go to the provider now, and the state after that decision. */
export const admit = (current: BreakerState, now: number, policy: BreakerPolicy): { admission: Admission; next: BreakerState } => {
  switch (current.state) {
    case 'closed':
      return { admission: { kind: 'call' }, next: current };
    case 'open':
      if (now < current.until) return { admission: { kind: 'wait', retryAfterMs: current.until - now }, next: current };
      return { admission: { kind: 'call' }, next: { state: 'half-open', probeUntil: now + policy.probeTimeoutMs } };
    case 'half-open':
      if (now < current.probeUntil) return { admission: { kind: 'wait', retryAfterMs: current.probeUntil - now }, next: current };
      return { admission: { kind: 'call' }, next: { state: 'half-open', probeUntil: now + policy.probeTimeoutMs } };
  }
};

/** The provider answered (a decline is an answer too): whatever the state, the breaker closes. */
export const afterSuccess = (): BreakerState => closedBreaker;

/** The provider failed transiently. */
export const afterFailure = (current: BreakerState, now: number, policy: BreakerPolicy): BreakerState => {
  const open: BreakerState = { state: 'open', until: now + policy.openMs };
  switch (current.state) {
    case 'closed':
      return current.failures + 1 >= policy.failureThreshold ? open : { state: 'closed', failures: current.failures + 1 };
    case 'half-open':
      return open;
    case 'open':
      return current; // a call let through before it opened; the open period stands
  }
};
