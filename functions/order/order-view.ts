import type { Order } from './domain/order';

/** An order as its owner sees it: no payment token, no internals. */
export const viewOf = (order: Order) => ({
  orderId: order.orderId,
  status: order.status,
  lines: order.lines.map(({ sku, quantity, priceCents }) => ({ sku, quantity, ...(priceCents !== undefined && { priceCents }) })),
  ...(order.totalCents !== undefined && { totalCents: order.totalCents }),
  ...(order.reason !== undefined && { reason: order.reason }),
  createdAt: order.createdAt,
  updatedAt: order.updatedAt,
});
