import { z } from 'zod';
import { sku } from '#shared/contracts/stock';

/** The `{sku}` path parameter of the product routes. */
export const productPath = z.strictObject({ sku });
