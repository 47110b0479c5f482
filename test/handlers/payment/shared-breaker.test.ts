import type { BreakerState } from '../../../functions/payment/domain/circuit-breaker';
import { SharedBreaker } from '../../../functions/payment/shared-breaker';
import { DynamoDbPaymentStore } from '../../../functions/payment/store-dynamodb';
import { documentClient } from '../../../functions/shared/dynamodb-clients';
import { createServiceTable } from '../support/tables';

const policy = { failureThreshold: 2, openMs: 10_000, probeTimeoutMs: 1_000, cacheMs: 1_000 };

/** The Payment table's adapter, noting what it does to the breaker item. */
class CountingStore extends DynamoDbPaymentStore {
  readonly breakerRequests: string[] = [];

  override readBreaker(provider: string, options: { consistent: boolean }) {
    this.breakerRequests.push(options.consistent ? 'consistent read' : 'read');
    return super.readBreaker(provider, options);
  }

  override writeBreaker(provider: string, state: BreakerState, expectedVersion: number) {
    this.breakerRequests.push('write');
    return super.writeBreaker(provider, state, expectedVersion);
  }
}

/** Execution environments (each with its own view of the breaker) sharing one table and one clock. */
const breakerAt = async (failureThreshold = policy.failureThreshold) => {
  const store = new CountingStore(documentClient(), await createServiceTable('payments'));
  let now = 1_000_000;
  const environment = () => new SharedBreaker(store, 'simulator', { ...policy, failureThreshold }, () => now);
  const requests = () => store.breakerRequests.splice(0);
  return { environment, advance: (ms: number) => (now += ms), store, requests };
};

describe('the circuit breaker shared through the Payment table', () => {
  it('opens for every execution environment after failures in any of them', async () => {
    const { environment } = await breakerAt();
    const [first, second] = [environment(), environment()];
    await first.recordFailure();
    await second.recordFailure();
    expect(await environment().admit()).toEqual({ kind: 'wait', retryAfterMs: 10_000 });
    expect(await second.admit()).toEqual({ kind: 'wait', retryAfterMs: 10_000 });
  });

  it('lets exactly one environment probe when the open period is over, and closes on its success', async () => {
    const { environment, advance } = await breakerAt();
    await environment().recordFailure();
    await environment().recordFailure();
    advance(10_000);
    const environments = Array.from({ length: 6 }, () => environment());
    const admissions = await Promise.all(environments.map((each) => each.admit()));
    expect(admissions.filter((admission) => admission.kind === 'call')).toHaveLength(1);
    expect(admissions.filter((admission) => admission.kind === 'wait')).toEqual(Array(5).fill({ kind: 'wait', retryAfterMs: 1_000 }));
    await environments[admissions.findIndex((admission) => admission.kind === 'call')]!.recordSuccess();
    expect(await environment().admit()).toEqual({ kind: 'call' });
  });

  it('opens again for everyone when the probe fails, and replaces a probe that never reported back', async () => {
    const { environment, advance } = await breakerAt();
    const prober = environment();
    await prober.recordFailure();
    await prober.recordFailure();
    advance(10_000);
    expect(await prober.admit()).toEqual({ kind: 'call' });
    await prober.recordFailure();
    expect(await environment().admit()).toEqual({ kind: 'wait', retryAfterMs: 10_000 });

    advance(10_000);
    expect(await environment().admit()).toEqual({ kind: 'call' }); // this probe's function dies
    advance(999);
    expect(await environment().admit()).toEqual({ kind: 'wait', retryAfterMs: 1 });
    advance(1);
    expect(await environment().admit()).toEqual({ kind: 'call' });
  });

  it('counts failures from concurrent environments without losing any', async () => {
    const { environment, store } = await breakerAt(10);
    await Promise.all(Array.from({ length: 3 }, () => environment().recordFailure()));
    expect((await store.readBreaker('simulator', { consistent: true })).state).toEqual({ state: 'closed', failures: 3 });
  });
});

describe('each environment’s view of the shared breaker', () => {
  it('is read once per cache window: calls on a closed breaker and their successes cost no request', async () => {
    const { environment, advance, requests } = await breakerAt();
    const here = environment();
    expect(await here.admit()).toEqual({ kind: 'call' });
    await here.recordSuccess();
    expect(requests()).toEqual(['read']);
    advance(999);
    for (let payment = 0; payment < 5; payment++) {
      expect(await here.admit()).toEqual({ kind: 'call' });
      await here.recordSuccess();
    }
    expect(requests()).toEqual([]);
    advance(1);
    expect(await here.admit()).toEqual({ kind: 'call' });
    expect(requests()).toEqual(['read']);
  });

  it('sees another environment open the breaker once its cache window is over', async () => {
    const { environment, advance } = await breakerAt();
    const [here, elsewhere] = [environment(), environment()];
    expect(await here.admit()).toEqual({ kind: 'call' });
    await elsewhere.recordFailure();
    await elsewhere.recordFailure();
    advance(500);
    expect(await here.admit()).toEqual({ kind: 'call' }); // within the window: the documented stale read
    advance(500);
    expect(await here.admit()).toEqual({ kind: 'wait', retryAfterMs: 9_000 });
  });

  it('makes at most one call on a stale view after another opened the breaker: its failure learns the open state', async () => {
    const { environment, store, requests } = await breakerAt();
    const [here, elsewhere] = [environment(), environment()];
    await here.admit();
    await elsewhere.recordFailure();
    await elsewhere.recordFailure();
    const opened = await store.readBreaker('simulator', { consistent: true });
    requests();

    expect(await here.admit()).toEqual({ kind: 'call' });
    await here.recordFailure(); // its compare-and-set loses, and answers with the open state
    expect(await here.admit()).toEqual({ kind: 'wait', retryAfterMs: 10_000 });
    expect(requests()).toEqual(['write', 'consistent read']);
    expect(await store.readBreaker('simulator', { consistent: true })).toEqual(opened);
  });

  it('counts a failure against the current state when its view is stale', async () => {
    const { environment } = await breakerAt(3);
    const [here, elsewhere] = [environment(), environment()];
    await here.admit();
    await elsewhere.recordFailure();
    await elsewhere.recordFailure();
    await here.recordFailure(); // third in a row across environments, though `here` saw none
    expect(await environment().admit()).toEqual({ kind: 'wait', retryAfterMs: 10_000 });
  });

  it('never puts a payment off on a cached state: a wait is confirmed by a strongly consistent read', async () => {
    const { environment, requests } = await breakerAt();
    const [here, elsewhere] = [environment(), environment()];
    await here.recordFailure();
    await here.recordFailure(); // `here` knows the breaker open
    await elsewhere.recordSuccess(); // a call let through before it opened answers late, and closes it
    requests();
    expect(await here.admit()).toEqual({ kind: 'call' });
    expect(requests()).toEqual(['consistent read']);
  });
});
