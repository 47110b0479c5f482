import { callerOf } from '#shared/caller';
import { httpRoute, json } from '#shared/http';
import { currentCorrelationId } from '#shared/powertools';
import { checkout } from '../checkout';
import { idempotencyKeyOf, orderRequest } from '../order-request';

export const handler = httpRoute({ body: orderRequest }, async ({ body, event }) => {
  const { userId } = callerOf(event);
  const { orderId, replayed } = await checkout(userId, body, currentCorrelationId(), idempotencyKeyOf(event.headers?.['idempotency-key']));
  return json(202, { orderId, status: 'PENDING' }, { location: `/orders/${orderId}`, ...(replayed && { 'idempotent-replayed': 'true' }) });
});
