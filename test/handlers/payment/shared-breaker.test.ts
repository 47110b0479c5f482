import { documentClient } from '../../../functions/shared/clients';
import { SharedBreaker } from '../../../functions/payment/shared-breaker';
import { DynamoDbPaymentStore } from '../../../functions/payment/store-dynamodb';
import { createServiceTable } from '../support/tables';

const policy = { failureThreshold: 2, openMs: 10_000, probeTimeoutMs: 1_000 };

const breakerAt = async (failureThreshold = policy.failureThreshold) => {
  const store = new DynamoDbPaymentStore(documentClient(), await createServiceTable('payments'));
  let now = 1_000_000;
  const environment = () => new SharedBreaker(store, 'simulator', { ...policy, failureThreshold }, () => now);
  return { environment, advance: (ms: number) => (now += ms), store };
};

describe('the circuit breaker shared through the Payment table', () => {
  it('opens for every execution environment after failures in any of them', async () => {
    const { environment } = await breakerAt();
    const [first, second] = [environment(), environment()];
    await first.recordFailure();
    await second.recordFailure();
    expect(await environment().admit()).toEqual({ kind: 'wait', retryAfterMs: 10_000 });
  });

  it('lets exactly one environment probe when the open period is over, and closes on its success', async () => {
    const { environment, advance } = await breakerAt();
    await environment().recordFailure();
    await environment().recordFailure();
    advance(10_000);
    const admissions = await Promise.all(Array.from({ length: 6 }, () => environment().admit()));
    expect(admissions.filter((admission) => admission.kind === 'call')).toHaveLength(1);
    await environment().recordSuccess();
    expect(await environment().admit()).toEqual({ kind: 'call' });
  });

  it('counts failures from concurrent environments without losing any', async () => {
    const { environment, store } = await breakerAt(10);
    await Promise.all(Array.from({ length: 3 }, () => environment().recordFailure()));
    expect((await store.readBreaker('simulator')).state).toEqual({ state: 'closed', failures: 3 });
  });
});
