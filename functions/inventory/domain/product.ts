/** A product of the catalog with its stock. Prices are integer cents. */
export interface Product {
  readonly sku: string;
  readonly name: string;
  readonly priceCents: number;
  /** Units that can be sold now. Never negative. */
  readonly available: number;
  /** Units held for orders that are placed but not yet paid or released. */
  readonly reserved: number;
}

/** What an admin sets on a product; stock changes only through stock updates and reservations. */
export interface ProductDetails {
  readonly name: string;
  readonly priceCents: number;
}

export const maxPriceCents = 10_000_000;

/** A product as the catalog listing shows it. */
export const listingOf = ({ sku, name, priceCents, available }: Product) => ({ sku, name, priceCents, available });
