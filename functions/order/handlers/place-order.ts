import { callerOf } from '#shared/caller';
import { paymentToken } from '#shared/contracts/payment';
import { sku } from '#shared/contracts/stock';
import { httpRoute, json } from '#shared/http';
import { currentCorrelationId } from '#shared/powertools';
import { badRequest } from '#shared/problem';
import * as z from '#shared/zod';
import { checkout } from '../checkout';
import { orderLimits } from '../domain/order';

const orderRequest = z.strictObject({
  lines: z.array(z.strictObject({ sku, quantity: z.int().check(z.minimum(1), z.maximum(orderLimits.maxQuantity)) })).check(
    z.minLength(1, 'An order needs at least one line.'),
    z.maxLength(orderLimits.maxLines, `An order has at most ${orderLimits.maxLines} lines.`),
    z.superRefine((lines, context) => {
      const seen = new Set<string>();
      lines.forEach((line, index) => {
        if (seen.has(line.sku)) context.addIssue({ code: 'custom', message: `${line.sku} is repeated: one line per SKU.`, path: [index, 'sku'] });
        seen.add(line.sku);
      });
    }),
  ),
  paymentToken,
});

/** Printable ASCII without spaces, as the IETF Idempotency-Key draft suggests for keys such as UUIDs. */
const idempotencyKeyPattern = /^[\x21-\x7e]{1,255}$/;

const idempotencyKeyOf = (headers: Record<string, string | undefined>) => {
  const key = headers['idempotency-key'];
  if (key !== undefined && !idempotencyKeyPattern.test(key)) {
    throw badRequest('The Idempotency-Key header must be 1 to 255 printable characters without spaces.');
  }
  return key;
};

export const handler = httpRoute({ body: orderRequest }, async ({ body, event }) => {
  const { userId } = callerOf(event);
  const { orderId, replayed } = await checkout(userId, body, currentCorrelationId(), idempotencyKeyOf(event.headers ?? {}));
  return json(202, { orderId, status: 'PENDING' }, { location: `/orders/${orderId}`, ...(replayed && { 'idempotent-replayed': 'true' }) });
});
