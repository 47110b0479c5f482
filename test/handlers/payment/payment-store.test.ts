import { randomUUID } from 'node:crypto';
import { DynamoDbPaymentStore } from '../../../functions/payment/store-dynamodb';
import { documentClient } from '../../../functions/shared/dynamodb-clients';
import { createServiceTable } from '../support/tables';

let store: DynamoDbPaymentStore;
beforeAll(async () => {
  store = new DynamoDbPaymentStore(documentClient(), await createServiceTable('payments'));
});

const now = new Date('2026-06-01T12:00:00.000Z');
const at = (ms: number) => new Date(now.getTime() + ms);
const subject = () => ({ orderId: randomUUID(), userId: 'payer', amountCents: 700 });
const lease = (owner: string, forMs = 10_000) => ({ owner, until: now.getTime() + forMs });

describe('payments in the Payment table', () => {
  it('are created pending by the first claim, which holds them against every other delivery until its lease lapses', async () => {
    const payment = subject();
    expect(await store.claim(payment, lease('first'), now)).toEqual({ kind: 'claimed' });
    expect(await store.get(payment.orderId)).toEqual({ ...payment, status: 'PENDING', attempts: 0, createdAt: now.toISOString(), updatedAt: now.toISOString() });
    expect(await store.claim(payment, lease('second'), at(9_999))).toEqual({ kind: 'held', until: now.getTime() + 10_000 });
    expect(await store.claim(payment, lease('second', 20_000), at(10_000))).toEqual({ kind: 'claimed' });
    expect(await store.claim(payment, lease('third'), at(10_001))).toEqual({ kind: 'held', until: now.getTime() + 20_000 });
  });

  it('are claimed by exactly one of many concurrent deliveries', async () => {
    const payment = subject();
    const claims = await Promise.all(Array.from({ length: 8 }, (_, index) => store.claim(payment, lease(`delivery-${index}`), now)));
    expect(claims.filter((claim) => claim.kind === 'claimed')).toHaveLength(1);
    expect(claims.filter((claim) => claim.kind === 'held')).toHaveLength(7);
  });

  it('are given back by their lease holder only, with the calls it made counted', async () => {
    const payment = subject();
    await store.claim(payment, lease('holder'), now);
    expect(await store.release(payment, 'someone-else', 1, at(1))).toBe(false);
    expect(await store.claim(payment, lease('other'), at(2))).toMatchObject({ kind: 'held' });
    expect(await store.release(payment, 'holder', 2, at(3))).toBe(true);
    expect(await store.claim(payment, lease('next'), at(4))).toEqual({ kind: 'claimed' });
    expect((await store.get(payment.orderId))?.attempts).toBe(2);
  });

  it('answer every later claim with the settled outcome, and add the settling delivery’s calls', async () => {
    const payment = subject();
    await store.claim(payment, lease('holder'), now);
    await store.release(payment, 'holder', 3, at(1));
    await store.claim(payment, lease('later'), at(2));
    const settled = await store.settle(payment, { status: 'CAPTURED', providerReference: 'ch_1' }, 1, at(3));
    expect(settled).toEqual({ ...payment, status: 'CAPTURED', providerReference: 'ch_1', attempts: 4, createdAt: now.toISOString(), updatedAt: at(3).toISOString() });
    expect(await store.claim(payment, lease('redelivery'), at(4))).toEqual({ kind: 'settled', payment: settled });
  });

  it('refuse to be settled another way', async () => {
    const payment = subject();
    await store.settle(payment, { status: 'DECLINED', declineReason: 'card-declined' }, 1, now);
    await expect(store.settle(payment, { status: 'CAPTURED', providerReference: 'ch_2' }, 1, at(1))).rejects.toThrow(/settled already/);
    expect(await store.settle(payment, { status: 'DECLINED', declineReason: 'card-declined' }, 0, at(2))).toMatchObject({ status: 'DECLINED', attempts: 1 });
  });
});
