import type { StockUpdate } from '#shared/contracts/inventory-updates';
import type { ReservationRejection } from '#shared/contracts/stock';
import type { Product, ProductDetails } from './domain/product';
import type { Reservation, ReservedLine, Settlement, StockLevel } from './domain/reservation';
import type { RecordedStockUpdate, StockUpdateRejection } from './domain/stock-update';

export interface ProductPage {
  readonly products: Product[];
  readonly nextToken?: string;
}

/** What a write found when its conditions did not hold. */
export type ReserveOutcome = 'reserved' | 'already-decided' | 'stock-changed';
export type StockUpdateAttempt =
  | { readonly kind: 'applied' }
  | { readonly kind: 'duplicate' }
  /** The product's conditions failed: here is the product as it was (undefined if it does not exist). */
  | { readonly kind: 'refused'; readonly product: Product | undefined };

/** Where products, their stock, reservations and stock updates live. The DynamoDB adapter is one implementation. */
export interface InventoryStore {
  listProducts(limit: number, nextToken?: string): Promise<ProductPage>;
  getProduct(sku: string): Promise<Product | undefined>;
  /** Strongly consistent: what a reservation decides on. Unknown SKUs are absent from the map. */
  getStockLevels(skus: readonly string[]): Promise<Map<string, StockLevel>>;
  /** Creates the product with no stock, or changes its name and price only. */
  saveProductDetails(sku: string, details: ProductDetails, now: Date): Promise<{ created: boolean; product: Product }>;

  getReservation(orderId: string): Promise<Reservation | undefined>;
  /**
   * In one transaction: takes every line's quantity from available into reserved, on the condition
   * that each product has enough and still has the price planned, and records the reservation, on
   * the condition that none exists for the order.
   */
  reserve(orderId: string, lines: readonly ReservedLine[], now: Date): Promise<ReserveOutcome>;
  /** Records a rejected reservation unless the order's reservation was decided already. */
  recordRejection(orderId: string, reason: ReservationRejection, skus: readonly string[], now: Date): Promise<'recorded' | 'already-decided'>;
  /** Records the reservation as withdrawn (released before it was made) unless it was decided already. */
  withdraw(orderId: string, now: Date): Promise<'withdrawn' | 'already-decided'>;
  /** Releases or commits a held reservation in one transaction; 'changed' if it was not held any more. */
  settle(orderId: string, lines: readonly ReservedLine[], to: Settlement, now: Date): Promise<'settled' | 'changed'>;

  /** Applies the update and records it in one transaction, unless it was recorded before. */
  applyStockUpdate(update: StockUpdate, now: Date): Promise<StockUpdateAttempt>;
  recordStockUpdateRejection(update: StockUpdate, reason: StockUpdateRejection, now: Date): Promise<'recorded' | 'duplicate'>;
  getStockUpdate(updateId: string): Promise<RecordedStockUpdate | undefined>;
}
