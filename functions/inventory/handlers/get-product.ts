import { httpRoute, json } from '#shared/http';
import { notFound } from '#shared/problem';
import { inventory } from '../inventory';
import { productPath } from '../product-path';

export const handler = httpRoute({ path: productPath }, async ({ path }) => {
  const product = await inventory().getProduct(path.sku);
  if (!product) throw notFound(`There is no product ${path.sku}.`);
  return json(200, product);
});
