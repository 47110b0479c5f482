import { logger } from '#shared/powertools';
import type { Breaker } from './domain/charging';
import { type Admission, admit, afterFailure, type BreakerPolicy, type BreakerState, closedBreaker } from './domain/circuit-breaker';
import { countBreakerChange } from './payment-metrics';
import type { PaymentStore } from './store';

const sameState = (a: BreakerState, b: BreakerState) => JSON.stringify(a) === JSON.stringify(b);
const writeAttempts = 3;

/**
 * The provider's circuit breaker, shared by every execution environment through the Payment table:
 * one environment's failures open it for all, and only one of them gets to probe. Each change is a
 * compare-and-set on the state's version.
 */
export class SharedBreaker implements Breaker {
  constructor(
    private readonly store: PaymentStore,
    private readonly provider: string,
    private readonly policy: BreakerPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  async admit(): Promise<Admission> {
    const { state, version } = await this.store.readBreaker(this.provider);
    const { admission, next } = admit(state, this.now(), this.policy);
    if (sameState(state, next) || (await this.store.writeBreaker(this.provider, next, version))) {
      if (next.state === 'half-open' && admission.kind === 'call') logger.info('Payment provider breaker half-open: probing');
      if (next.state !== state.state) countBreakerChange(next.state);
      return admission;
    }
    // Another environment changed the breaker first (it took the probe): wait for its outcome.
    return { kind: 'wait', retryAfterMs: this.policy.probeTimeoutMs };
  }

  recordSuccess(): Promise<void> {
    return this.change('success', () => closedBreaker);
  }

  recordFailure(): Promise<void> {
    return this.change('failure', (state) => afterFailure(state, this.now(), this.policy));
  }

  private async change(event: string, transition: (state: BreakerState) => BreakerState): Promise<void> {
    for (let attempt = 1; attempt <= writeAttempts; attempt++) {
      const { state, version } = await this.store.readBreaker(this.provider);
      const next = transition(state);
      if (sameState(state, next)) return;
      if (await this.store.writeBreaker(this.provider, next, version)) {
        if (next.state !== state.state) {
          logger.warn('Payment provider breaker changed', { from: state.state, to: next.state, event });
          countBreakerChange(next.state);
        }
        return;
      }
    }
    logger.warn('Payment provider breaker not updated: too many concurrent changes', { event });
  }
}
