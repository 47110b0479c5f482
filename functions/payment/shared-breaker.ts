import { logger } from '#shared/powertools';
import type { Breaker } from './domain/charging';
import { type Admission, admit, afterFailure, afterSuccess, type BreakerPolicy, type BreakerState } from './domain/circuit-breaker';
import { countBreakerChange } from './payment-metrics';
import type { PaymentStore, VersionedBreakerState } from './store';

export interface SharedBreakerPolicy extends BreakerPolicy {
  /** How long an execution environment decides on the state it last read before reading it again (default 0: every time). */
  readonly cacheMs?: number;
}

const sameState = (a: BreakerState, b: BreakerState) => JSON.stringify(a) === JSON.stringify(b);
/** Compare-and-set writes one change may lose to other environments before it is given up (and logged). */
const writeAttempts = 3;

/** A state this environment knows, and how sure it is of it. */
interface Known extends VersionedBreakerState {
  /** When it was read or written, on this environment's clock. */
  readonly at: number;
}

/**
 * The provider's circuit breaker, shared by every execution environment through the Payment table:
 * one environment's failures open it for all, and only one of them gets to probe. Each change is a
 * compare-and-set on the state's version.
 *
 * Reading it on every payment made its item the hottest key of the table, so each environment keeps
 * the state it last read or wrote for `cacheMs`, and reads it again (eventually consistently) after
 * that. What a stale view can and cannot do:
 * - Calls are let through on a cached `closed` state: for up to `cacheMs` after another environment
 *   opened the breaker, this one may still call, until its first failure, whose compare-and-set
 *   loses and answers with the open state.
 * - A payment is never put off on a cached state: a `wait` is decided again on a strongly consistent
 *   read (or on the state a lost compare-and-set answered with).
 * - Every change (opening, taking the probe, closing, counting a failure) is a compare-and-set: a
 *   stale version loses, and the change is decided again on the state that won. So failures are
 *   never lost and only one environment takes the probe.
 * - A success on a cached `closed` state with no failures writes nothing: a failure count written by
 *   another environment less than `cacheMs` before is then not reset by it.
 */
export class SharedBreaker implements Breaker {
  private known: Known | undefined;

  constructor(
    private readonly store: PaymentStore,
    private readonly provider: string,
    private readonly policy: SharedBreakerPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Reads the shared state if this environment's view of it is older than the cache window, so that
   * the read can overlap other work; never fails (`admit` reads again if this did not).
   */
  async refresh(): Promise<void> {
    try {
      await this.cached();
    } catch (error) {
      logger.warn('Payment provider breaker not read ahead', { error: error as Error });
    }
  }

  async admit(): Promise<Admission> {
    const outcome = await this.decideAndWrite((state) => {
      const { admission, next } = admit(state, this.now(), this.policy);
      return { admission, next, needsConfirmedState: admission.kind === 'wait' };
    });
    // Every write lost to other environments: wait for the outcome of whichever took the probe.
    if (!outcome) return { kind: 'wait', retryAfterMs: this.policy.probeTimeoutMs };
    const { before, decision } = outcome;
    if (!sameState(before, decision.next)) {
      if (decision.admission.kind === 'call') logger.info('Payment provider breaker half-open: probing');
      if (decision.next.state !== before.state) countBreakerChange(decision.next.state);
    }
    return decision.admission;
  }

  /** On a cached closed state without failures this writes (and reads) nothing: the common case. */
  recordSuccess(): Promise<void> {
    return this.change('success', afterSuccess, { trustCachedNoChange: true });
  }

  recordFailure(): Promise<void> {
    return this.change('failure', (state) => afterFailure(state, this.now(), this.policy), { trustCachedNoChange: false });
  }

  private async change(event: string, transition: (state: BreakerState) => BreakerState, options: { trustCachedNoChange: boolean }): Promise<void> {
    const outcome = await this.decideAndWrite((state) => {
      const next = transition(state);
      // A failure that changes nothing on the cached state (it is open) may change the current one.
      return { next, needsConfirmedState: !options.trustCachedNoChange && sameState(state, next) };
    });
    if (!outcome) logger.warn('Payment provider breaker not updated: too many concurrent changes', { event });
    else if (outcome.decision.next.state !== outcome.before.state) {
      logger.warn('Payment provider breaker changed', { from: outcome.before.state, to: outcome.decision.next.state, event });
      countBreakerChange(outcome.decision.next.state);
    }
  }

  /**
   * Decides the next state on the one this environment knows and writes it by compare-and-set. A
   * decision that must not rest on a cached state is taken again on a strongly consistent read; a
   * write that loses is decided again on the state that won. Answers the decision that held and the
   * state it was taken on (the same as its `next` when there was nothing to write), or nothing when
   * every write lost.
   */
  private async decideAndWrite<D extends { readonly next: BreakerState; readonly needsConfirmedState: boolean }>(
    decide: (state: BreakerState) => D,
  ): Promise<{ before: BreakerState; decision: D } | undefined> {
    let known: VersionedBreakerState = await this.cached();
    let confirmed = false;
    for (let write = 1; write <= writeAttempts; ) {
      const decision = decide(known.state);
      const { next } = decision;
      if (decision.needsConfirmedState && !confirmed) {
        known = await this.readConsistently();
        confirmed = true;
        continue;
      }
      if (sameState(known.state, next)) return { before: known.state, decision };
      const result = await this.store.writeBreaker(this.provider, next, known.version);
      if (result.written) {
        this.remember({ state: next, version: known.version + 1 });
        return { before: known.state, decision };
      }
      known = this.remember(result.current);
      confirmed = true;
      write++;
    }
    return undefined;
  }

  /** The state last read or written here while it is younger than the cache window; otherwise a fresh (eventually consistent) read. */
  private async cached(): Promise<VersionedBreakerState> {
    if (this.known && this.now() - this.known.at < (this.policy.cacheMs ?? 0)) return this.known;
    return this.remember(await this.store.readBreaker(this.provider, { consistent: false }));
  }

  private async readConsistently(): Promise<VersionedBreakerState> {
    return this.remember(await this.store.readBreaker(this.provider, { consistent: true }));
  }

  /** Keeps what was just learned, unless this environment already knows a later version (a read may overlap its own write). */
  private remember(learned: VersionedBreakerState): VersionedBreakerState {
    const latest = this.known && this.known.version > learned.version ? this.known : learned;
    this.known = { state: latest.state, version: latest.version, at: this.now() };
    return this.known;
  }
}
