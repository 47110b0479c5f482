import { randomUUID } from 'node:crypto';
import type { PaymentResult } from '../../../functions/shared/contracts/payment';
import type { StockResult } from '../../../functions/shared/contracts/stock';
import {
  isFinal,
  type Order,
  type OrderStatus,
  OrderStateError,
  onDeadlinePassed,
  onPaymentResult,
  onStockResult,
  orderStatuses,
  placeOrder,
} from '../../../functions/order/domain/order';

const placedAt = new Date('2026-11-26T10:00:00.000Z');
const later = new Date('2026-11-26T10:00:05.000Z');

const placed = () =>
  placeOrder({
    orderId: randomUUID(),
    userId: 'user-1',
    lines: [
      { sku: 'TEA', quantity: 2 },
      { sku: 'CUP', quantity: 1 },
    ],
    paymentToken: 'tok_visa',
    correlationId: 'corr-1',
    now: placedAt,
    timeoutSeconds: 900,
  });

const reserved = (order: Order): StockResult => ({
  type: 'StockReserved',
  orderId: order.orderId,
  lines: [
    { sku: 'CUP', quantity: 1, priceCents: 450 },
    { sku: 'TEA', quantity: 2, priceCents: 1200 },
  ],
});
const rejected = (order: Order): StockResult => ({ type: 'StockRejected', orderId: order.orderId, reason: 'insufficient-stock', skus: ['TEA'] });
const captured = (order: Order, amountCents = order.totalCents!): PaymentResult => ({ type: 'PaymentCaptured', orderId: order.orderId, amountCents });
const declined = (order: Order): PaymentResult => ({ type: 'PaymentDeclined', orderId: order.orderId, reason: 'card-declined' });

const advanced = (transition: ReturnType<typeof onStockResult>) => {
  if (transition.kind !== 'advance') throw new Error(`expected the order to advance, got ${transition.kind}`);
  return transition;
};

const awaitingPayment = () => {
  const { order } = placed();
  return advanced(onStockResult(order, reserved(order), later)).order;
};

describe('placing an order', () => {
  it('stores it PENDING with its payment token and deadline, and asks Inventory to reserve every line', () => {
    const { order, message } = placed();
    expect(order).toMatchObject({
      status: 'PENDING',
      paymentToken: 'tok_visa',
      deadline: '2026-11-26T10:15:00.000Z',
      createdAt: placedAt.toISOString(),
      updatedAt: placedAt.toISOString(),
    });
    expect(order.totalCents).toBeUndefined();
    expect(message).toEqual({ type: 'ReserveStock', orderId: order.orderId, lines: order.lines });
  });
});

describe('the order state machine', () => {
  it('prices a reserved order, forgets the payment token and asks for the payment of its total', () => {
    const { order } = placed();
    const { order: next, messages } = advanced(onStockResult(order, reserved(order), later));
    expect(next).toMatchObject({ status: 'AWAITING_PAYMENT', totalCents: 2 * 1200 + 450, updatedAt: later.toISOString(), deadline: order.deadline });
    expect(next.lines).toEqual([
      { sku: 'TEA', quantity: 2, priceCents: 1200 },
      { sku: 'CUP', quantity: 1, priceCents: 450 },
    ]);
    expect(next.paymentToken).toBeUndefined();
    expect(messages).toEqual([{
      type: 'CapturePayment',
      orderId: order.orderId,
      userId: 'user-1',
      amountCents: 2850,
      paymentToken: 'tok_visa',
      requestedAt: later.toISOString(),
    }]);
  });

  it('rejects an order Inventory could not reserve, with the reason, and sends nothing', () => {
    const { order } = placed();
    const transition = advanced(onStockResult(order, rejected(order), later));
    expect(transition.order).toMatchObject({ status: 'REJECTED', reason: 'insufficient-stock' });
    expect(transition.order.paymentToken).toBeUndefined();
    expect(transition.order.deadline).toBeUndefined();
    expect(transition.messages).toEqual([]);
  });

  it('confirms a captured order and commits its stock', () => {
    const order = awaitingPayment();
    const transition = advanced(onPaymentResult(order, captured(order), later));
    expect(transition.order.status).toBe('CONFIRMED');
    expect(transition.order.deadline).toBeUndefined();
    expect(transition.messages).toEqual([{ type: 'CommitStock', orderId: order.orderId }]);
  });

  it('fails a declined order and releases its stock', () => {
    const order = awaitingPayment();
    const transition = advanced(onPaymentResult(order, declined(order), later));
    expect(transition.order).toMatchObject({ status: 'PAYMENT_FAILED', reason: 'card-declined' });
    expect(transition.order.deadline).toBeUndefined();
    expect(transition.messages).toEqual([{ type: 'ReleaseStock', orderId: order.orderId }]);
  });

  it.each<[string, () => [Order, 'stock' | 'payment', (order: Order) => StockResult | PaymentResult]]>([
    ['StockReserved after the payment was requested', () => [awaitingPayment(), 'stock', reserved]],
    ['StockRejected after the order was rejected', () => {
      const { order } = placed();
      return [advanced(onStockResult(order, rejected(order), later)).order, 'stock', rejected];
    }],
    ['PaymentCaptured after the order was confirmed', () => {
      const order = awaitingPayment();
      return [advanced(onPaymentResult(order, captured(order), later)).order, 'payment', captured];
    }],
    ['PaymentDeclined after the payment failed', () => {
      const order = awaitingPayment();
      return [advanced(onPaymentResult(order, declined(order), later)).order, 'payment', declined];
    }],
  ])('treats %s as a redelivery that changes nothing', (_case, setUp) => {
    const [order, kind, result] = setUp();
    const transition =
      kind === 'stock' ? onStockResult(order, result(order) as StockResult, later) : onPaymentResult(order, result(order) as PaymentResult, later);
    expect(transition).toEqual({ kind: 'duplicate' });
  });

  it.each<[OrderStatus, string, (order: Order) => ReturnType<typeof onStockResult>]>([
    ['REJECTED', 'StockReserved', (order) => onStockResult(order, reserved(order), later)],
    ['AWAITING_PAYMENT', 'StockRejected', (order) => onStockResult(order, rejected(order), later)],
    ['PENDING', 'PaymentCaptured', (order) => onPaymentResult(order, captured(order, 100), later)],
    ['REJECTED', 'PaymentDeclined', (order) => onPaymentResult(order, declined(order), later)],
    ['CONFIRMED', 'PaymentDeclined', (order) => onPaymentResult(order, declined(order), later)],
  ])('refuses a contradiction: a %s order getting %s', (status, _event, apply) => {
    const order: Order = { ...placed().order, status };
    expect(() => apply(order)).toThrow(OrderStateError);
  });

  it('refuses a capture of an amount other than the total', () => {
    const order = awaitingPayment();
    expect(() => onPaymentResult(order, captured(order, order.totalCents! - 1), later)).toThrow(OrderStateError);
  });
});

describe('an order past its deadline', () => {
  const pastDeadline = new Date('2026-11-26T10:15:00.000Z');
  const cancelled = (transition: ReturnType<typeof onDeadlinePassed>) => advanced(transition);

  it('is cancelled as timed out while PENDING, and whatever it may have reserved is released', () => {
    const { order } = placed();
    const { order: next, messages } = cancelled(onDeadlinePassed(order, pastDeadline));
    expect(next).toMatchObject({ status: 'CANCELLED', reason: 'timed-out', updatedAt: pastDeadline.toISOString() });
    expect(next.paymentToken).toBeUndefined();
    expect(next.deadline).toBeUndefined();
    expect(messages).toEqual([{ type: 'ReleaseStock', orderId: order.orderId }]);
  });

  it('is cancelled while AWAITING_PAYMENT: its stock released and its payment cancelled (refunded if captured)', () => {
    const order = awaitingPayment();
    const { order: next, messages } = cancelled(onDeadlinePassed(order, pastDeadline));
    expect(next).toMatchObject({ status: 'CANCELLED', reason: 'timed-out', totalCents: 2850 });
    expect(next.deadline).toBeUndefined();
    expect(messages).toEqual([
      { type: 'ReleaseStock', orderId: order.orderId },
      { type: 'CancelPayment', orderId: order.orderId, userId: 'user-1', amountCents: 2850 },
    ]);
  });

  it('is left alone before its deadline, and when it has none (placed before deadlines existed)', () => {
    const { order } = placed();
    expect(onDeadlinePassed(order, new Date('2026-11-26T10:14:59.999Z'))).toEqual({ kind: 'not-due' });
    const { deadline: _none, ...withoutDeadline } = order;
    expect(onDeadlinePassed(withoutDeadline, pastDeadline)).toEqual({ kind: 'not-due' });
  });

  it.each(orderStatuses.filter(isFinal))('is left alone once %s: it ended in time', (status) => {
    expect(onDeadlinePassed({ ...placed().order, status }, pastDeadline)).toEqual({ kind: 'duplicate' });
  });

  it('ends for good: a late result of any kind changes nothing, and sends nothing', () => {
    const order = advanced(onDeadlinePassed(awaitingPayment(), pastDeadline)).order;
    expect(onStockResult(order, reserved(order), later)).toEqual({ kind: 'late' });
    expect(onStockResult(order, rejected(order), later)).toEqual({ kind: 'late' });
    expect(onPaymentResult(order, captured(order), later)).toEqual({ kind: 'late' });
    expect(onPaymentResult(order, declined(order), later)).toEqual({ kind: 'late' });
  });
});
