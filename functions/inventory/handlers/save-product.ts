import { z } from 'zod';
import { adminCallerOf } from '#shared/caller';
import { httpRoute, json } from '#shared/http';
import { maxPriceCents } from '../domain/product';
import { inventory } from '../inventory';
import { productPath } from '../product-path';

const productDetails = z.strictObject({
  name: z.string().trim().min(1, 'A name is required.').max(200),
  priceCents: z.int().min(1).max(maxPriceCents),
});

/** Creates a product (201, with no stock) or changes its name and price (200); stock is not touched. */
export const handler = httpRoute({ path: productPath, body: productDetails }, async ({ path, body, event }) => {
  adminCallerOf(event);
  const { created, product } = await inventory().saveProductDetails(path.sku, body, new Date());
  return json(created ? 201 : 200, product, created ? { location: `/products/${path.sku}` } : {});
});
