import { adminCallerOf } from '#shared/caller';
import { stockUpdate } from '#shared/contracts/inventory-updates';
import { httpRoute, json } from '#shared/http';
import { currentCorrelationId } from '#shared/powertools';
import { notFound } from '#shared/problem';
import * as z from '#shared/zod';
import { inventory } from '../inventory';
import { requestStockUpdate } from '../stock-updates';
import { productPath } from '../product-path';

const stockChange = z.strictObject({ delta: stockUpdate.shape.delta, reason: stockUpdate.shape.reason });

/**
 * Accepts a stock update for the stream (202). The stream consumer applies it, or records why not:
 * `GET /products/{sku}/stock-updates/{updateId}` tells which.
 */
export const handler = httpRoute({ path: productPath, body: stockChange }, async ({ path, body, event }) => {
  adminCallerOf(event);
  if (!(await inventory().getProduct(path.sku))) throw notFound(`There is no product ${path.sku}: create it first.`);
  const { updateId } = await requestStockUpdate({ sku: path.sku, ...body }, currentCorrelationId());
  return json(202, { updateId }, { location: `/products/${path.sku}/stock-updates/${updateId}` });
});
