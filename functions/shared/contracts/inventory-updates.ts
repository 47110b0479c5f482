import * as z from '../zod';
import { sku } from './stock';

/**
 * A record on the inventory-updates Kinesis stream, put there by the Inventory API or by any other
 * producer (a warehouse feed, say). Records are UTF-8 JSON; the partition key is the SKU, so updates of
 * one SKU are applied in the order they were put. `updateId` makes a record idempotent: the same id is
 * applied once, however often it is delivered. See docs/architecture.md.
 */
export const maxStockDelta = 1_000_000;

export const stockUpdate = z.object({
  updateId: z.uuid(),
  sku,
  /** Units to add (a delivery) or, if negative, to remove (shrinkage, a count correction). */
  delta: z.int().check(
    z.minimum(-maxStockDelta),
    z.maximum(maxStockDelta),
    z.refine((delta) => delta !== 0, 'A stock update changes the stock: delta must not be 0.'),
  ),
  reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  /** Who put the record: `inventory-api`, `warehouse-feed`, ... */
  source: z.string().check(z.minLength(1), z.maxLength(100)),
  occurredAt: z.iso.datetime(),
  correlationId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
});
export type StockUpdate = z.infer<typeof stockUpdate>;
