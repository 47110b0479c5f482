import type { StockUpdate } from '#shared/contracts/inventory-updates';

export type StockUpdateRejection = 'unknown-sku' | 'insufficient-stock';

/** What the stream consumer did with one stock update; recorded either way. */
export type StockUpdateOutcome =
  | { readonly status: 'APPLIED' }
  | { readonly status: 'REJECTED'; readonly rejection: StockUpdateRejection };

export type RecordedStockUpdate = StockUpdate & StockUpdateOutcome & { readonly processedAt: string };

/** The least stock a product needs for an update to apply: a removal may not take stock below zero. */
export const availableNeededFor = (delta: number): number => Math.max(0, -delta);

/**
 * Why an update that did not apply was refused, judged on the product as it is now. `undefined` means
 * nothing stands in its way any more (the stock changed meanwhile): try again.
 */
export const rejectionOf = (delta: number, product: { available: number } | undefined): StockUpdateRejection | undefined => {
  if (!product) return 'unknown-sku';
  if (product.available < availableNeededFor(delta)) return 'insufficient-stock';
  return undefined;
};
