import { pageTokensFor } from '#shared/page-token-seal';
import { pageQuery } from '#shared/pagination';
import { notFound } from '#shared/problem';
import { viewOf } from './order-view';
import { orders } from './orders';

/*
 * The caller's own orders, as GET /orders/{orderId}, GET /orders and the RPC calls show them.
 */

/** Another user's order is not found, exactly like a missing one: the answer does not tell them it exists. */
export const ownOrder = async (userId: string, orderId: string) => {
  const order = await orders().get(orderId);
  if (!order || order.userId !== userId) throw notFound(`There is no order ${orderId}.`);
  return viewOf(order);
};

/** A page of the caller's orders: GET /orders' query, and ListOrders' page size and token. */
export const orderListing = pageQuery(100, 20);

/** The caller's orders, newest first; a page token is good for the caller it was issued to only. */
export const ownOrders = async (userId: string, listing: { limit: number; nextToken?: string }) => {
  const pageTokens = await pageTokensFor(`orders/${userId}`);
  const page = await orders().listByUser(userId, listing.limit, pageTokens.open(listing.nextToken));
  return { items: page.orders.map(viewOf), ...(page.nextToken && { nextToken: pageTokens.seal(page.nextToken) }) };
};
