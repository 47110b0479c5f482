import { adminCallerOf } from '#shared/caller';
import { sku } from '#shared/contracts/stock';
import { httpRoute, json } from '#shared/http';
import { notFound } from '#shared/problem';
import * as z from '#shared/zod';
import { inventory } from '../inventory';

const stockUpdatePath = z.strictObject({ sku, updateId: z.uuid() });

/** A stock update once the stream consumer has processed it: APPLIED, or REJECTED with the reason. 404 before. */
export const handler = httpRoute({ path: stockUpdatePath }, async ({ path, event }) => {
  adminCallerOf(event);
  const update = await inventory().getStockUpdate(path.updateId);
  if (!update || update.sku !== path.sku) throw notFound('This stock update has not been processed (yet).');
  return json(200, update);
});
