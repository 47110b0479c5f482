import type { CancelPayment, CapturePayment, PaymentResult } from '#shared/contracts/payment';
import type { CommitStock, ReleaseStock, ReserveStock, StockResult } from '#shared/contracts/stock';
import { priceOrder, type RequestedLine } from './pricing';

/**
 * PENDING -> AWAITING_PAYMENT -> CONFIRMED
 *    |               |\-> PAYMENT_FAILED (the reserved stock is released)
 *    |               \-> CANCELLED (past its deadline: stock released, the payment cancelled or refunded)
 *    |\-> REJECTED (unknown SKU or too little stock; nothing reserved, nothing charged)
 *    \-> CANCELLED (past its deadline: whatever was reserved is released)
 *
 * Every status an order can have, in one place: the API's documents and the metrics read this list.
 */
export const orderStatuses = ['PENDING', 'AWAITING_PAYMENT', 'CONFIRMED', 'REJECTED', 'PAYMENT_FAILED', 'CANCELLED'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** The statuses an order ends in; it never leaves them. */
export const finalStatuses: readonly OrderStatus[] = ['CONFIRMED', 'REJECTED', 'PAYMENT_FAILED', 'CANCELLED'];
export const isFinal = (status: OrderStatus): boolean => finalStatuses.includes(status);

/** Why an order was cancelled: it was still under way when its deadline passed. */
export const timedOut = 'timed-out';

/** An order's time under way (CDK context `orderTimeoutSeconds`), its default and bounds: orders past it are swept once a minute. */
export const orderTimeoutSetting = { default: 900, min: 60, max: 7 * 24 * 3600 } as const;

export const orderLimits = { maxLines: 50, maxQuantity: 100 } as const;

export type OrderLine = RequestedLine & { readonly priceCents?: number };

export interface Order {
  readonly orderId: string;
  readonly userId: string;
  readonly status: OrderStatus;
  /** Prices are known once the stock is reserved: Inventory fixes them then. */
  readonly lines: readonly OrderLine[];
  readonly totalCents?: number;
  /** Why the order was rejected, its payment failed, or it was cancelled. */
  readonly reason?: string;
  /** Held only until the payment is requested. */
  readonly paymentToken?: string;
  /** When the order must have ended; held only while it is under way (the sweeper finds it by it). */
  readonly deadline?: string;
  /** Every log line of every service about this order carries it. */
  readonly correlationId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What the Order service asks of the others; the outbox publisher adds where to reply. */
export type OutgoingMessage =
  | Omit<ReserveStock, 'replyTo'>
  | Omit<CapturePayment, 'replyTo' | 'deferrals'>
  | ReleaseStock
  | CommitStock
  | Omit<CancelPayment, 'deferrals'>;

export interface PlacedOrder {
  readonly order: Order;
  readonly message: OutgoingMessage;
}

export const placeOrder = (input: {
  orderId: string;
  userId: string;
  lines: readonly RequestedLine[];
  paymentToken: string;
  correlationId: string;
  now: Date;
  /** How long the order may stay under way before it is cancelled. */
  timeoutSeconds: number;
}): PlacedOrder => {
  const at = input.now.toISOString();
  const lines = input.lines.map(({ sku, quantity }) => ({ sku, quantity }));
  return {
    order: {
      orderId: input.orderId,
      userId: input.userId,
      status: 'PENDING',
      lines,
      paymentToken: input.paymentToken,
      deadline: new Date(input.now.getTime() + input.timeoutSeconds * 1000).toISOString(),
      correlationId: input.correlationId,
      createdAt: at,
      updatedAt: at,
    },
    message: { type: 'ReserveStock', orderId: input.orderId, lines },
  };
};

/** A result that contradicts the order's state: a bug somewhere, for a person to look at. */
export class OrderStateError extends Error {
  constructor(order: Order, event: string) {
    super(`Order ${order.orderId} is ${order.status}; ${event} cannot apply`);
    this.name = 'OrderStateError';
  }
}

/**
 * The order after an event, and what to send because of it; or nothing: a redelivered event, a late
 * one for an order that was cancelled meanwhile, or a deadline that has not passed.
 */
export type Transition =
  | { readonly kind: 'advance'; readonly order: Order; readonly messages: readonly OutgoingMessage[] }
  | { readonly kind: 'duplicate' | 'late' | 'not-due' };

const moved = (order: Order, changes: Partial<Order>, now: Date): Order => ({ ...order, ...changes, updatedAt: now.toISOString() });

/** The order in a final status: it no longer needs its payment token, nor its deadline. */
const ended = (order: Order, status: OrderStatus, reason: string | undefined, now: Date): Order => {
  const { paymentToken: _token, deadline: _deadline, ...rest } = order;
  return moved(rest, { status, ...(reason && { reason }) }, now);
};

export const onStockResult = (order: Order, result: StockResult, now: Date): Transition => {
  if (order.status === 'CANCELLED') return { kind: 'late' }; // the cancellation released whatever was reserved
  if (order.status !== 'PENDING') {
    const alreadyApplied = result.type === 'StockReserved' ? order.status !== 'REJECTED' : order.status === 'REJECTED';
    if (alreadyApplied) return { kind: 'duplicate' };
    throw new OrderStateError(order, result.type);
  }
  if (result.type === 'StockRejected') return { kind: 'advance', order: ended(order, 'REJECTED', result.reason, now), messages: [] };
  const { lines, totalCents } = priceOrder(order.lines, result.lines);
  const { paymentToken, ...rest } = order;
  if (!paymentToken) throw new OrderStateError(order, 'StockReserved without a payment token');
  return {
    kind: 'advance',
    order: moved(rest, { status: 'AWAITING_PAYMENT', lines, totalCents }, now),
    messages: [
      {
        type: 'CapturePayment',
        orderId: order.orderId,
        userId: order.userId,
        amountCents: totalCents,
        paymentToken,
        requestedAt: now.toISOString(),
      },
    ],
  };
};

export const onPaymentResult = (order: Order, result: PaymentResult, now: Date): Transition => {
  // The cancellation asked Payment to cancel the payment: a capture that got there first is refunded there.
  if (order.status === 'CANCELLED') return { kind: 'late' };
  const outcome: OrderStatus = result.type === 'PaymentCaptured' ? 'CONFIRMED' : 'PAYMENT_FAILED';
  if (order.status === outcome) return { kind: 'duplicate' };
  if (order.status !== 'AWAITING_PAYMENT') throw new OrderStateError(order, result.type);
  if (result.type === 'PaymentCaptured') {
    if (result.amountCents !== order.totalCents) throw new OrderStateError(order, `a capture of ${result.amountCents} cents`);
    return { kind: 'advance', order: ended(order, 'CONFIRMED', undefined, now), messages: [{ type: 'CommitStock', orderId: order.orderId }] };
  }
  return {
    kind: 'advance',
    order: ended(order, 'PAYMENT_FAILED', result.reason, now),
    messages: [{ type: 'ReleaseStock', orderId: order.orderId }],
  };
};

/**
 * An order still under way when its deadline passed: something on its way was lost or is stuck. It is
 * cancelled, and every step it may have taken is undone: the stock it may hold is released (Inventory
 * releases nothing for a reservation that was rejected, and refuses one that arrives after its
 * release), and, once the payment was asked for, the payment is cancelled (refunded if captured).
 */
export const onDeadlinePassed = (order: Order, now: Date): Transition => {
  if (isFinal(order.status)) return { kind: 'duplicate' };
  if (!order.deadline || now.getTime() < Date.parse(order.deadline)) return { kind: 'not-due' };
  const release: ReleaseStock = { type: 'ReleaseStock', orderId: order.orderId };
  const cancelled = ended(order, 'CANCELLED', timedOut, now);
  if (order.status === 'PENDING') return { kind: 'advance', order: cancelled, messages: [release] };
  if (order.totalCents === undefined) throw new OrderStateError(order, 'a cancellation without a total');
  return {
    kind: 'advance',
    order: cancelled,
    messages: [release, { type: 'CancelPayment', orderId: order.orderId, userId: order.userId, amountCents: order.totalCents }],
  };
};
