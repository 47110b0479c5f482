import { createHash, randomUUID } from 'node:crypto';
import { logger } from '#shared/powertools';
import { unprocessableContent } from '#shared/problem';
import { placeOrder } from './domain/order';
import type { RequestedLine } from './domain/pricing';
import { countOrderReaching } from './order-metrics';
import { orders } from './orders';
import { checkoutSettings } from './settings';

export interface OrderRequest {
  readonly lines: readonly RequestedLine[];
  readonly paymentToken: string;
}

const fingerprintOf = (request: OrderRequest) =>
  createHash('sha256').update(JSON.stringify({ lines: request.lines, paymentToken: request.paymentToken })).digest('base64url');

/**
 * Places an order: it is stored PENDING together with its ReserveStock message, which the outbox
 * publisher sends on. With an idempotency key, a repeated (or racing) request from the same user gets
 * the order the first one placed; the same key with a different request is refused.
 */
export const checkout = async (
  userId: string,
  request: OrderRequest,
  correlationId: string,
  idempotencyKey?: string,
): Promise<{ orderId: string; replayed: boolean }> => {
  const { order, message } = placeOrder({
    orderId: randomUUID(),
    userId,
    ...request,
    correlationId,
    now: new Date(),
    timeoutSeconds: checkoutSettings().timeoutSeconds,
  });
  const outcome = await orders().place(order, message, idempotencyKey ? { key: idempotencyKey, fingerprint: fingerprintOf(request) } : undefined);
  if (outcome.kind === 'placed') {
    logger.info('Order placed', { orderId: order.orderId, lines: order.lines.length });
    countOrderReaching(order.status);
    return { orderId: order.orderId, replayed: false };
  }
  if (outcome.fingerprint !== fingerprintOf(request)) {
    throw unprocessableContent('This Idempotency-Key was used with a different request; use a new key for a new order.');
  }
  logger.info('Order request repeated with its idempotency key', { orderId: outcome.orderId });
  return { orderId: outcome.orderId, replayed: true };
};
