import { claimOf, type StoredPayment } from '../../../functions/payment/domain/payment';

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
    expect(claimOf(undefined, now)).toEqual({ kind: 'claimed' });
  });

  it('one that finds the payment pending and not held (put off earlier, or released)', () => {
    expect(claimOf(pending, now)).toEqual({ kind: 'claimed' });
  });

  it('none while another delivery holds the lease; the lease says until when', () => {
    expect(claimOf({ ...pending, lease: { owner: 'other', until: now + 1 } }, now)).toEqual({ kind: 'held', until: now + 1 });
  });

  it('one that finds the lease lapsed: the delivery holding it died', () => {
    expect(claimOf({ ...pending, lease: { owner: 'other', until: now } }, now)).toEqual({ kind: 'claimed' });
  });

  it.each([
    [{ status: 'CAPTURED', providerReference: 'ch_1' }],
    [{ status: 'DECLINED', declineReason: 'card-declined' }],
  ] as const)('none once the payment is settled (%o): it is answered from what was stored', (outcome) => {
    const settled = { ...pending, ...outcome };
    expect(claimOf(settled, now)).toEqual({ kind: 'settled', payment: settled });
    expect(claimOf({ ...settled, lease: { owner: 'other', until: now + 1 } }, now).kind).toBe('settled');
  });
});
