import { callerOf } from '#shared/caller';
import { httpRoute, json } from '#shared/http';
import { notFound } from '#shared/problem';
import { orderIdPath } from '#shared/schemas';
import { viewOf } from '../domain/payment';
import { payments } from '../payments';

/** The payment of the caller's own order; anyone else's is a 404, like a missing one. */
export const handler = httpRoute({ path: orderIdPath }, async ({ path, event }) => {
  const { userId } = callerOf(event);
  const payment = await payments().get(path.orderId);
  if (!payment || payment.userId !== userId) throw notFound(`There is no payment for order ${path.orderId}.`);
  return json(200, viewOf(payment));
});
