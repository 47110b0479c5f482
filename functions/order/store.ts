import type { Order, OrderStatus, OutgoingMessage } from './domain/order';

export interface OrderPage {
  readonly orders: Order[];
  readonly nextToken?: string;
}

/** A client's key for retrying a POST safely, and a fingerprint of the request it was first used with. */
export interface IdempotentRequest {
  readonly key: string;
  readonly fingerprint: string;
}

/** An order whose deadline has passed, as the deadline index lists it (it may have ended since). */
export interface ExpiredOrder {
  readonly orderId: string;
  readonly deadline: string;
}

export type PlaceOutcome =
  | { readonly kind: 'placed' }
  /** The key was used before: here is the order it placed and the request it was used with. */
  | { readonly kind: 'seen-before'; readonly orderId: string; readonly fingerprint: string };

/**
 * Where orders live, with their outbox: every message an order change causes is written in the same
 * transaction as the change, and published from the table's stream. The DynamoDB adapter is one
 * implementation.
 */
export interface OrderStore {
  /** Stores a new order and its first message; with an idempotency key, only if the key is new for the user. */
  place(order: Order, message: OutgoingMessage, request?: IdempotentRequest): Promise<PlaceOutcome>;
  get(orderId: string): Promise<Order | undefined>;
  /** The user's orders, newest first. */
  listByUser(userId: string, limit: number, nextToken?: string): Promise<OrderPage>;
  /** Stores the order's next state and the messages it causes, if the order is still in `from`. */
  advance(order: Order, from: OrderStatus, messages: readonly OutgoingMessage[]): Promise<'advanced' | 'changed'>;
  /** Up to `limit` orders whose deadline is `now` or earlier and that were under way a moment ago, oldest deadline first. */
  findExpired(now: Date, limit: number): Promise<ExpiredOrder[]>;
}
