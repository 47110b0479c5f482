import type { CapturePayment, PaymentResult } from '#shared/contracts/payment';
import type { CommitStock, ReleaseStock, ReserveStock, StockResult } from '#shared/contracts/stock';
import { priceOrder, type RequestedLine } from './pricing';

/**
 * PENDING -> AWAITING_PAYMENT -> CONFIRMED
 *    |               \-> PAYMENT_FAILED (the reserved stock is released)
 *    \-> REJECTED (unknown SKU or too little stock; nothing reserved, nothing charged)
 */
export const orderStatuses = ['PENDING', 'AWAITING_PAYMENT', 'CONFIRMED', 'REJECTED', 'PAYMENT_FAILED'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const orderLimits = { maxLines: 50, maxQuantity: 100 } as const;

export type OrderLine = RequestedLine & { readonly priceCents?: number };

export interface Order {
  readonly orderId: string;
  readonly userId: string;
  readonly status: OrderStatus;
  /** Prices are known once the stock is reserved: Inventory fixes them then. */
  readonly lines: readonly OrderLine[];
  readonly totalCents?: number;
  /** Why the order was rejected or its payment failed. */
  readonly reason?: string;
  /** Held only until the payment is requested. */
  readonly paymentToken?: string;
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
  | CommitStock;

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

/** The order after an event, and what to send because of it; or nothing, for a redelivered event. */
export type Transition =
  | { readonly kind: 'advance'; readonly order: Order; readonly message?: OutgoingMessage }
  | { readonly kind: 'duplicate' };

const moved = (order: Order, changes: Partial<Order>, now: Date): Order => ({ ...order, ...changes, updatedAt: now.toISOString() });

export const onStockResult = (order: Order, result: StockResult, now: Date): Transition => {
  if (order.status !== 'PENDING') {
    const alreadyApplied = result.type === 'StockReserved' ? order.status !== 'REJECTED' : order.status === 'REJECTED';
    if (alreadyApplied) return { kind: 'duplicate' };
    throw new OrderStateError(order, result.type);
  }
  if (result.type === 'StockRejected') {
    const { paymentToken: _dropped, ...rest } = order;
    return { kind: 'advance', order: moved(rest, { status: 'REJECTED', reason: result.reason }, now) };
  }
  const { lines, totalCents } = priceOrder(order.lines, result.lines);
  const { paymentToken, ...rest } = order;
  if (!paymentToken) throw new OrderStateError(order, 'StockReserved without a payment token');
  return {
    kind: 'advance',
    order: moved(rest, { status: 'AWAITING_PAYMENT', lines, totalCents }, now),
    message: {
      type: 'CapturePayment',
      orderId: order.orderId,
      userId: order.userId,
      amountCents: totalCents,
      paymentToken,
      requestedAt: now.toISOString(),
    },
  };
};

export const onPaymentResult = (order: Order, result: PaymentResult, now: Date): Transition => {
  const outcome: OrderStatus = result.type === 'PaymentCaptured' ? 'CONFIRMED' : 'PAYMENT_FAILED';
  if (order.status === outcome) return { kind: 'duplicate' };
  if (order.status !== 'AWAITING_PAYMENT') throw new OrderStateError(order, result.type);
  if (result.type === 'PaymentCaptured') {
    if (result.amountCents !== order.totalCents) throw new OrderStateError(order, `a capture of ${result.amountCents} cents`);
    return { kind: 'advance', order: moved(order, { status: 'CONFIRMED' }, now), message: { type: 'CommitStock', orderId: order.orderId } };
  }
  return {
    kind: 'advance',
    order: moved(order, { status: 'PAYMENT_FAILED', reason: result.reason }, now),
    message: { type: 'ReleaseStock', orderId: order.orderId },
  };
};
