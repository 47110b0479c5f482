import { callerOf } from '#shared/caller';
import { httpRoute, json } from '#shared/http';
import { notFound } from '#shared/problem';
import { orderIdPath } from '#shared/schemas';
import { viewOf } from '../order-view';
import { orders } from '../orders';

/** Another user's order is a 404, exactly like a missing one: the answer does not tell them it exists. */
export const handler = httpRoute({ path: orderIdPath }, async ({ path, event }) => {
  const { userId } = callerOf(event);
  const order = await orders().get(path.orderId);
  if (!order || order.userId !== userId) throw notFound(`There is no order ${path.orderId}.`);
  return json(200, viewOf(order));
});
