import { sku } from '#shared/contracts/stock';
import * as z from '#shared/zod';

/** The `{sku}` path parameter of the product routes. */
export const productPath = z.strictObject({ sku });
