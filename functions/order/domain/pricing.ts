/** Money is integer cents throughout; a total that is not a safe integer is refused rather than rounded. */
export interface RequestedLine {
  readonly sku: string;
  readonly quantity: number;
}

export interface PricedLine extends RequestedLine {
  readonly priceCents: number;
}

export class PricingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PricingError';
  }
}

/**
 * The order's lines at the prices the stock was reserved at, and their total. The reservation must
 * cover exactly the lines ordered: anything else is a broken contract, not a price.
 */
export const priceOrder = (ordered: readonly RequestedLine[], reserved: readonly PricedLine[]) => {
  const bySku = new Map(reserved.map((line) => [line.sku, line]));
  if (bySku.size !== reserved.length || reserved.length !== ordered.length) {
    throw new PricingError('The reservation does not match the order line for line');
  }
  const lines = ordered.map(({ sku, quantity }): PricedLine => {
    const line = bySku.get(sku);
    if (!line || line.quantity !== quantity) throw new PricingError(`The reservation does not cover ${quantity} x ${sku}`);
    return { sku, quantity, priceCents: line.priceCents };
  });
  const totalCents = lines.reduce((sum, line) => sum + line.priceCents * line.quantity, 0);
  if (!Number.isSafeInteger(totalCents)) throw new PricingError('The order total is too large');
  return { lines, totalCents };
};
