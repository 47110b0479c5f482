import { httpRoute, json } from '#shared/http';
import { pageTokensFor } from '#shared/page-token-seal';
import { pageQuery } from '#shared/pagination';
import { listingOf } from '../domain/product';
import { inventory } from '../inventory';

export const handler = httpRoute({ query: pageQuery(100, 25) }, async ({ query }) => {
  const pageTokens = await pageTokensFor('products');
  const page = await inventory().listProducts(query.limit, pageTokens.open(query.nextToken));
  return json(200, { items: page.products.map(listingOf), ...(page.nextToken && { nextToken: pageTokens.seal(page.nextToken) }) });
});
