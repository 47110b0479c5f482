import { callerOf } from '#shared/caller';
import { httpRoute, json } from '#shared/http';
import { pageQuery } from '#shared/pagination';
import { viewOf } from '../order-view';
import { orders } from '../orders';

/** The caller's orders, newest first. */
export const handler = httpRoute({ query: pageQuery(100, 20) }, async ({ query, event }) => {
  const page = await orders().listByUser(callerOf(event).userId, query.limit, query.nextToken);
  return json(200, { items: page.orders.map(viewOf), ...(page.nextToken && { nextToken: page.nextToken }) });
});
