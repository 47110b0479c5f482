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
    const pending = { ...payment, status: 'PENDING', attempts: 0, createdAt: now.toISOString(), updatedAt: now.toISOString() };
    expect(await store.claim(payment, lease('first'), now, 'charge')).toEqual({ kind: 'claimed', payment: { ...pending, lease: lease('first') } });
    expect(await store.get(payment.orderId)).toEqual(pending);
    expect(await store.claim(payment, lease('second'), at(9_999), 'charge')).toEqual({ kind: 'held', until: now.getTime() + 10_000 });
    expect(await store.claim(payment, lease('second', 20_000), at(10_000), 'charge')).toMatchObject({ kind: 'claimed', payment: { lease: lease('second', 20_000) } });
    expect(await store.claim(payment, lease('third'), at(10_001), 'charge')).toEqual({ kind: 'held', until: now.getTime() + 20_000 });
  });

  it('are claimed by a delivery whose claim is sent again after its answer was lost (the SDK retries a 500 or a timeout)', async () => {
    const payment = subject();
    const first = await store.claim(payment, lease('delivery'), now, 'charge');
    expect(await store.claim(payment, lease('delivery'), now, 'charge')).toEqual(first);
  });

  it('are claimed by exactly one of many concurrent deliveries', async () => {
    const payment = subject();
    const claims = await Promise.all(Array.from({ length: 8 }, (_, index) => store.claim(payment, lease(`delivery-${index}`), now, 'charge')));
    expect(claims.filter((claim) => claim.kind === 'claimed')).toHaveLength(1);
    expect(claims.filter((claim) => claim.kind === 'held')).toHaveLength(7);
  });

  it('are given back by their lease holder only, with the calls it made counted', async () => {
    const payment = subject();
    await store.claim(payment, lease('holder'), now, 'charge');
    expect(await store.release(payment, 'someone-else', 1, at(1), false)).toBe(false);
    expect(await store.claim(payment, lease('other'), at(2), 'charge')).toMatchObject({ kind: 'held' });
    expect(await store.release(payment, 'holder', 2, at(3), false)).toBe(true);
    expect(await store.claim(payment, lease('next'), at(4), 'charge')).toMatchObject({ kind: 'claimed', payment: { attempts: 2 } });
    expect((await store.get(payment.orderId))?.attempts).toBe(2);
  });

  it('know a charge may have been made unbeknown once a lease was taken over (its holder died) or given back saying so', async () => {
    const payment = subject();
    const first = await store.claim(payment, lease('first', 10), now, 'charge');
    expect(first).toMatchObject({ kind: 'claimed' });
    expect(first.kind === 'claimed' && first.payment).not.toHaveProperty('outcomeUnknown');
    expect(await store.claim(payment, lease('takeover'), at(10), 'charge')).toMatchObject({ kind: 'claimed', payment: { outcomeUnknown: true } });

    const abandoned = subject();
    await store.claim(abandoned, lease('first'), now, 'charge');
    await store.release(abandoned, 'first', 1, at(1), true);
    await store.claim(abandoned, lease('second'), at(2), 'charge');
    await store.release(abandoned, 'second', 1, at(3), false);
    expect(await store.claim(abandoned, lease('third'), at(4), 'charge')).toMatchObject({ kind: 'claimed', payment: { outcomeUnknown: true, attempts: 2 } });
    expect(await store.get(abandoned.orderId)).not.toHaveProperty('outcomeUnknown');
  });

  it('answer every later claim with the settled outcome, and add the settling delivery’s calls', async () => {
    const payment = subject();
    await store.claim(payment, lease('holder'), now, 'charge');
    await store.release(payment, 'holder', 3, at(1), false);
    await store.claim(payment, lease('later'), at(2), 'charge');
    const settled = await store.settle(payment, { status: 'CAPTURED', providerReference: 'ch_1' }, { owner: 'later', attempts: 1 }, at(3));
    expect(settled).toEqual({ ...payment, status: 'CAPTURED', providerReference: 'ch_1', attempts: 4, createdAt: now.toISOString(), updatedAt: at(3).toISOString() });
    expect(await store.claim(payment, lease('redelivery'), at(4), 'charge')).toEqual({ kind: 'settled', payment: settled });
  });

  it('count the calls of a settling delivery once, when its settle is sent again after its answer was lost', async () => {
    const payment = subject();
    await store.claim(payment, lease('holder'), now, 'charge');
    const settling = { owner: 'holder', attempts: 2 };
    const settled = await store.settle(payment, { status: 'CAPTURED', providerReference: 'ch_4' }, settling, at(1));
    expect(await store.settle(payment, { status: 'CAPTURED', providerReference: 'ch_4' }, settling, at(2))).toEqual(settled);
    expect(await store.get(payment.orderId)).toEqual(settled);
    expect(settled.attempts).toBe(2);
  });

  it('refuse to be settled another way', async () => {
    const payment = subject();
    await store.settle(payment, { status: 'DECLINED', declineReason: 'card-declined' }, { owner: 'first', attempts: 1 }, now);
    await expect(store.settle(payment, { status: 'CAPTURED', providerReference: 'ch_2' }, { owner: 'second', attempts: 1 }, at(1))).rejects.toThrow(/settled already/);
    await expect(store.settle(payment, { status: 'REFUNDED', providerReference: 'ch_2', refundReference: 're_2' }, { owner: 'third', attempts: 0 }, at(1))).rejects.toThrow(/settled already/);
    expect(await store.settle(payment, { status: 'DECLINED', declineReason: 'card-declined' }, { owner: 'fourth', attempts: 0 }, at(2))).toMatchObject({ status: 'DECLINED', attempts: 1 });
  });

  it('are marked when their order is cancelled, even before their request arrives, and claimed to be undone while there is something to undo', async () => {
    const early = subject();
    await store.requestCancellation(early, now);
    expect(await store.get(early.orderId)).toEqual({ ...early, status: 'PENDING', attempts: 0, cancelRequested: true, createdAt: now.toISOString(), updatedAt: now.toISOString() });
    expect(await store.claim(early, lease('capture'), at(1), 'charge')).toMatchObject({ kind: 'claimed', payment: { cancelRequested: true } });

    const captured = subject();
    await store.settle(captured, { status: 'CAPTURED', providerReference: 'ch_3' }, { owner: 'capture', attempts: 1 }, now);
    await store.requestCancellation(captured, at(1));
    expect(await store.claim(captured, lease('capture'), at(2), 'charge')).toMatchObject({ kind: 'settled', payment: { status: 'CAPTURED' } });
    expect(await store.claim(captured, lease('cancel'), at(3), 'cancel')).toMatchObject({ kind: 'claimed', payment: { status: 'CAPTURED', cancelRequested: true } });
    const refunded = await store.settle(captured, { status: 'REFUNDED', providerReference: 'ch_3', refundReference: 're_3' }, { owner: 'cancel', attempts: 0 }, at(4));
    expect(refunded).toMatchObject({ status: 'REFUNDED', providerReference: 'ch_3', refundReference: 're_3', attempts: 1 });
    expect(await store.claim(captured, lease('again'), at(5), 'cancel')).toEqual({ kind: 'settled', payment: refunded });
    await expect(store.settle(captured, { status: 'CANCELLED' }, { owner: 'late-cancel', attempts: 0 }, at(6))).rejects.toThrow(/settled already/);
  });
});
