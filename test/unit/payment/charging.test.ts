import type { Breaker } from '../../../functions/payment/domain/charging';
import { charge, PaymentDeferredError } from '../../../functions/payment/domain/charging';
import type { Admission } from '../../../functions/payment/domain/circuit-breaker';
import { type ChargeOutcome, type PaymentProvider, ProviderUnavailableError } from '../../../functions/payment/domain/provider';

const policy = { maxAttempts: 3, attemptTimeoutMs: 50, backoff: { baseDelayMs: 100, maxDelayMs: 1_000 }, maxWaitMs: 60_000 };
const captured: ChargeOutcome = { status: 'captured', reference: 'ch_1' };

/** A provider that answers each call with the next scripted behaviour. */
const scriptedProvider = (...script: (ChargeOutcome | Error | 'hang')[]) => {
  const calls: string[] = [];
  const provider: PaymentProvider = {
    name: 'scripted',
    charge: async ({ idempotencyKey, signal }) => {
      calls.push(idempotencyKey);
      const next = script.shift() ?? new Error('unscripted call');
      if (next === 'hang') return new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
      if (next instanceof Error) throw next;
      return next;
    },
    findCharge: () => Promise.reject(new Error('charging never looks a charge up')),
    refund: () => Promise.reject(new Error('charging never refunds')),
  };
  return { provider, calls };
};

const recordingBreaker = (admissions: Admission[] = []) => {
  const events: string[] = [];
  const breaker: Breaker = {
    admit: async () => admissions.shift() ?? { kind: 'call' },
    recordSuccess: async () => void events.push('success'),
    recordFailure: async () => void events.push('failure'),
  };
  return { breaker, events };
};

const run = (provider: PaymentProvider, breaker: Breaker) => {
  const sleeps: number[] = [];
  let attempts = 0;
  const result = charge(
    { idempotencyKey: 'order-1', amountCents: 500, paymentToken: 'tok_visa' },
    { provider, breaker, policy, random: () => 0.5, beforeAttempt: () => void attempts++, sleep: async (ms) => void sleeps.push(ms) },
  );
  return { result, sleeps, attempts: () => attempts };
};

describe('charging through the retry policy and the breaker', () => {
  it('returns the first answer and tells the breaker the provider is fine', async () => {
    const { provider, calls } = scriptedProvider(captured);
    const { breaker, events } = recordingBreaker();
    const { result, attempts } = run(provider, breaker);
    await expect(result).resolves.toEqual(captured);
    expect(calls).toEqual(['order-1']);
    expect(attempts()).toBe(1);
    expect(events).toEqual(['success']);
  });

  it('does not retry a decline: it is an answer, and a healthy provider', async () => {
    const { provider, calls } = scriptedProvider({ status: 'declined', reason: 'card-declined' });
    const { breaker, events } = recordingBreaker();
    await expect(run(provider, breaker).result).resolves.toEqual({ status: 'declined', reason: 'card-declined' });
    expect(calls).toHaveLength(1);
    expect(events).toEqual(['success']);
  });

  it('retries transient failures with backoff, with the same idempotency key every time', async () => {
    const { provider, calls } = scriptedProvider(new ProviderUnavailableError('503'), 'hang', captured);
    const { breaker, events } = recordingBreaker();
    const { result, sleeps, attempts } = run(provider, breaker);
    await expect(result).resolves.toEqual(captured);
    expect(calls).toEqual(['order-1', 'order-1', 'order-1']);
    expect(attempts()).toBe(3);
    expect(sleeps).toEqual([50, 100]);
    expect(events).toEqual(['failure', 'failure', 'success']);
  });

  it('defers the payment when every attempt failed', async () => {
    const { provider } = scriptedProvider(new ProviderUnavailableError('1'), new ProviderUnavailableError('2'), new ProviderUnavailableError('3'));
    const { breaker, events } = recordingBreaker();
    await expect(run(provider, breaker).result).rejects.toBeInstanceOf(PaymentDeferredError);
    expect(events).toEqual(['failure', 'failure', 'failure']);
  });

  it('does not call the provider while the breaker is open, and says when to come back', async () => {
    const { provider, calls } = scriptedProvider(captured);
    const { breaker } = recordingBreaker([{ kind: 'wait', retryAfterMs: 12_000 }]);
    const { result, attempts } = run(provider, breaker);
    await expect(result).rejects.toMatchObject({ name: 'PaymentDeferredError', retryAfterMs: 12_000 });
    expect(calls).toHaveLength(0);
    expect(attempts()).toBe(0);
  });

  it('stops retrying when the breaker opens between attempts', async () => {
    const { provider, calls } = scriptedProvider(new ProviderUnavailableError('503'), captured);
    const { breaker } = recordingBreaker([{ kind: 'call' }, { kind: 'wait', retryAfterMs: 30_000 }]);
    await expect(run(provider, breaker).result).rejects.toMatchObject({ retryAfterMs: 30_000 });
    expect(calls).toHaveLength(1);
  });

  it('lets an unexpected error through untouched: it is a bug, not an outage', async () => {
    const { provider } = scriptedProvider(new TypeError('boom'));
    const { breaker, events } = recordingBreaker();
    await expect(run(provider, breaker).result).rejects.toBeInstanceOf(TypeError);
    expect(events).toEqual([]);
  });
});
