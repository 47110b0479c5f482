import {
  type AnsweredReservation,
  planReservation,
  type Reservation,
  ReservationStateError,
  resultOf,
  settlementOf,
  type StockLevel,
} from '../../../functions/inventory/domain/reservation';

const stock = new Map<string, StockLevel>([
  ['TEA', { priceCents: 1200, available: 5 }],
  ['CUP', { priceCents: 450, available: 0 }],
  ['POT', { priceCents: 3000, available: 1 }],
]);

describe('planning a reservation', () => {
  it('reserves every line at its current price when each has enough stock', () => {
    expect(planReservation([{ sku: 'TEA', quantity: 5 }, { sku: 'POT', quantity: 1 }], stock)).toEqual({
      kind: 'reserve',
      lines: [
        { sku: 'TEA', quantity: 5, priceCents: 1200 },
        { sku: 'POT', quantity: 1, priceCents: 3000 },
      ],
    });
  });

  it('rejects the whole order when one line has too little stock, naming it', () => {
    expect(planReservation([{ sku: 'TEA', quantity: 1 }, { sku: 'POT', quantity: 2 }], stock)).toEqual({
      kind: 'reject',
      reason: 'insufficient-stock',
      skus: ['POT'],
    });
  });

  it('rejects an order for a SKU with no stock at all', () => {
    expect(planReservation([{ sku: 'CUP', quantity: 1 }], stock)).toMatchObject({ kind: 'reject', reason: 'insufficient-stock' });
  });

  it('reports unknown SKUs before short ones, since no restock fixes them', () => {
    expect(planReservation([{ sku: 'CUP', quantity: 1 }, { sku: 'NOPE', quantity: 1 }], stock)).toEqual({
      kind: 'reject',
      reason: 'unknown-sku',
      skus: ['NOPE'],
    });
  });
});

describe('answering a reservation request', () => {
  const orderId = 'b0c7d3a2-6c61-4c9b-9a7e-1f0f5a3e8d11';
  const lines = [{ sku: 'TEA', quantity: 1, priceCents: 1200 }];

  it.each<Reservation['status']>(['RESERVED', 'RELEASED', 'COMMITTED'])('answers StockReserved for a %s reservation, as the first time', (status) => {
    expect(resultOf({ orderId, status, lines } as AnsweredReservation)).toEqual({ type: 'StockReserved', orderId, lines });
  });

  it('answers StockRejected with the reason for a rejected one', () => {
    expect(resultOf({ orderId, status: 'REJECTED', reason: 'unknown-sku', skus: ['X'] })).toEqual({
      type: 'StockRejected',
      orderId,
      reason: 'unknown-sku',
      skus: ['X'],
    });
  });
});

describe('settling a reservation', () => {
  const orderId = 'order-1';
  const lines = [{ sku: 'TEA', quantity: 2, priceCents: 1200 }];
  const held: Reservation = { orderId, status: 'RESERVED', lines };

  it('releases or commits a held reservation', () => {
    expect(settlementOf(orderId, held, 'RELEASED')).toEqual({ kind: 'settle', lines });
    expect(settlementOf(orderId, held, 'COMMITTED')).toEqual({ kind: 'settle', lines });
  });

  it('does nothing when asked again for what is done', () => {
    expect(settlementOf(orderId, { ...held, status: 'RELEASED' }, 'RELEASED')).toEqual({ kind: 'already-settled' });
    expect(settlementOf(orderId, { ...held, status: 'COMMITTED' }, 'COMMITTED')).toEqual({ kind: 'already-settled' });
  });

  it('withdraws, when asked to release it, a reservation not made yet: the requester gave the order up', () => {
    expect(settlementOf(orderId, undefined, 'RELEASED')).toEqual({ kind: 'withdraw' });
  });

  it.each<[string, Reservation]>([
    ['a rejected one', { orderId, status: 'REJECTED', reason: 'unknown-sku', skus: ['X'] }],
    ['a withdrawn one', { orderId, status: 'WITHDRAWN' }],
  ])('has nothing to give back when asked to release %s', (_case, reservation) => {
    expect(settlementOf(orderId, reservation, 'RELEASED')).toEqual({ kind: 'already-settled' });
  });

  it('refuses to release a committed reservation', () => {
    expect(() => settlementOf(orderId, { ...held, status: 'COMMITTED' }, 'RELEASED')).toThrow(ReservationStateError);
  });

  it.each<[string, Reservation | undefined]>([
    ['no reservation', undefined],
    ['a rejected one', { orderId, status: 'REJECTED', reason: 'unknown-sku', skus: ['X'] }],
    ['a withdrawn one', { orderId, status: 'WITHDRAWN' }],
    ['a released one', { ...held, status: 'RELEASED' }],
  ])('refuses to commit %s', (_case, reservation) => {
    expect(() => settlementOf(orderId, reservation, 'COMMITTED')).toThrow(ReservationStateError);
  });
});
