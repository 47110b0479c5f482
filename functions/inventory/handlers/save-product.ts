import { adminCallerOf } from '#shared/caller';
import { httpRoute, json } from '#shared/http';
import { requiredName } from '#shared/schemas';
import * as z from '#shared/zod';
import { maxPriceCents } from '../domain/product';
import { inventory } from '../inventory';
import { productPath } from '../product-path';

const productDetails = z.strictObject({
  name: requiredName(200),
  priceCents: z.int().check(z.minimum(1), z.maximum(maxPriceCents)),
});

/** Creates a product (201, with no stock) or changes its name and price (200); stock is not touched. */
export const handler = httpRoute({ path: productPath, body: productDetails }, async ({ path, body, event }) => {
  adminCallerOf(event);
  const { created, product } = await inventory().saveProductDetails(path.sku, body, new Date());
  return json(created ? 201 : 200, product, created ? { location: `/products/${path.sku}` } : {});
});
