import { paymentToken } from '#shared/contracts/payment';
import { sku } from '#shared/contracts/stock';
import { badRequest } from '#shared/problem';
import * as z from '#shared/zod';
import { orderLimits } from './domain/order';

/*
 * An order a caller asks to place, whether over REST or RPC: both validate with these.
 */

/** An order to place: POST /orders' body, and PlaceOrder's lines and payment token. */
export const orderRequest = z.strictObject({
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
export const idempotencyKeyPattern = /^[\x21-\x7e]{1,255}$/;

/** The caller's idempotency key, if they sent one; a malformed key is a 400. */
export const idempotencyKeyOf = (key: string | undefined): string | undefined => {
  if (key !== undefined && !idempotencyKeyPattern.test(key)) {
    throw badRequest('The idempotency key (Idempotency-Key header) must be 1 to 255 printable characters without spaces.');
  }
  return key;
};
