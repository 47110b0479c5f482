import { claimOf, resultOf, type StoredPayment } from '../../../functions/payment/domain/payment';

const pending: StoredPayment = {
  orderId: 'order-1',
  userId: 'payer',
  status: 'PENDING',
  amountCents: 500,
  attempts: 2,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const now = 1_000_000;

describe('which delivery of a payment request may charge', () => {
  it('the first one: nothing is stored yet', () => {
    expect(claimOf(undefined, now, 'charge')).toEqual({ kind: 'claimable' });
  });

  it('one that finds the payment pending and not held (put off earlier, or released)', () => {
    expect(claimOf(pending, now, 'charge')).toEqual({ kind: 'claimable' });
  });

  it('none while another delivery holds the lease; the lease says until when', () => {
    expect(claimOf({ ...pending, lease: { owner: 'other', until: now + 1 } }, now, 'charge')).toEqual({ kind: 'held', until: now + 1 });
  });

  it('one that finds the lease lapsed: the delivery holding it died', () => {
    expect(claimOf({ ...pending, lease: { owner: 'other', until: now } }, now, 'charge')).toEqual({ kind: 'claimable' });
  });

  it.each([
    [{ status: 'CAPTURED', providerReference: 'ch_1' }],
    [{ status: 'DECLINED', declineReason: 'card-declined' }],
    [{ status: 'REFUNDED', providerReference: 'ch_1', refundReference: 're_1' }],
    [{ status: 'CANCELLED' }],
  ] as const)('none once the payment is settled (%o): it is answered from what was stored', (outcome) => {
    const settled = { ...pending, ...outcome };
    expect(claimOf(settled, now, 'charge')).toEqual({ kind: 'settled', payment: settled });
    expect(claimOf({ ...settled, lease: { owner: 'other', until: now + 1 } }, now, 'charge').kind).toBe('settled');
  });
});

describe('which delivery of a cancellation may undo a payment', () => {
  it('one that finds it pending or captured, and not held: there is a charge to look up or refund', () => {
    expect(claimOf(undefined, now, 'cancel')).toEqual({ kind: 'claimable' });
    expect(claimOf(pending, now, 'cancel')).toEqual({ kind: 'claimable' });
    expect(claimOf({ ...pending, status: 'CAPTURED', providerReference: 'ch_1' }, now, 'cancel')).toEqual({ kind: 'claimable' });
    expect(claimOf({ ...pending, status: 'CAPTURED', lease: { owner: 'other', until: now + 1 } }, now, 'cancel')).toEqual({ kind: 'held', until: now + 1 });
  });

  it.each([
    [{ status: 'DECLINED', declineReason: 'card-declined' }],
    [{ status: 'REFUNDED', providerReference: 'ch_1', refundReference: 're_1' }],
    [{ status: 'CANCELLED' }],
  ] as const)('none once nothing is left to undo (%o)', (outcome) => {
    expect(claimOf({ ...pending, ...outcome }, now, 'cancel').kind).toBe('settled');
  });
});

describe('the answer to a payment request', () => {
  it('is the capture or the decline, and none for a payment its cancelled order no longer waits for', () => {
    expect(resultOf({ ...pending, status: 'CAPTURED', providerReference: 'ch_1' })).toEqual({ type: 'PaymentCaptured', orderId: 'order-1', amountCents: 500 });
    expect(resultOf({ ...pending, status: 'DECLINED', declineReason: 'card-declined' })).toEqual({ type: 'PaymentDeclined', orderId: 'order-1', reason: 'card-declined' });
    expect(resultOf({ ...pending, status: 'REFUNDED', providerReference: 'ch_1', refundReference: 're_1' })).toBeUndefined();
    expect(resultOf({ ...pending, status: 'CANCELLED' })).toBeUndefined();
  });
});
