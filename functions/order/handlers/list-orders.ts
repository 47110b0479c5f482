import { callerOf } from '#shared/caller';
import { httpRoute, json } from '#shared/http';
import { pageTokensFor } from '#shared/page-token-seal';
import { pageQuery } from '#shared/pagination';
import { viewOf } from '../order-view';
import { orders } from '../orders';

/** The caller's orders, newest first; a page token is good for the caller it was issued to only. */
export const handler = httpRoute({ query: pageQuery(100, 20) }, async ({ query, event }) => {
  const { userId } = callerOf(event);
  const pageTokens = await pageTokensFor(`orders/${userId}`);
  const page = await orders().listByUser(userId, query.limit, pageTokens.open(query.nextToken));
  return json(200, { items: page.orders.map(viewOf), ...(page.nextToken && { nextToken: pageTokens.seal(page.nextToken) }) });
});
