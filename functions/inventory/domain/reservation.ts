import type { ReservationRejection, StockResult } from '#shared/contracts/stock';

export interface RequestedLine {
  readonly sku: string;
  readonly quantity: number;
}

export interface ReservedLine extends RequestedLine {
  /** The unit price when the stock was reserved: the price the order pays. */
  readonly priceCents: number;
}

/** The part of a product a reservation decides on. */
export interface StockLevel {
  readonly priceCents: number;
  readonly available: number;
}

export type ReservationPlan =
  | { readonly kind: 'reserve'; readonly lines: readonly ReservedLine[] }
  | { readonly kind: 'reject'; readonly reason: ReservationRejection; readonly skus: readonly string[] };

/**
 * All lines or none: an order with an unknown SKU, or with any line asking for more than is available,
 * reserves nothing. Unknown SKUs are reported before short ones, since no restock can fix them.
 */
export const planReservation = (lines: readonly RequestedLine[], stock: ReadonlyMap<string, StockLevel>): ReservationPlan => {
  const unknown = lines.filter((line) => !stock.has(line.sku)).map((line) => line.sku);
  if (unknown.length > 0) return { kind: 'reject', reason: 'unknown-sku', skus: unknown };
  const short = lines.filter((line) => stock.get(line.sku)!.available < line.quantity).map((line) => line.sku);
  if (short.length > 0) return { kind: 'reject', reason: 'insufficient-stock', skus: short };
  return { kind: 'reserve', lines: lines.map((line) => ({ ...line, priceCents: stock.get(line.sku)!.priceCents })) };
};

/**
 * WITHDRAWN: released before it was made. The release of a reservation that does not exist (yet) is
 * recorded as such, so that the request, should it arrive after all (late, or redriven from a
 * dead-letter queue), reserves nothing.
 */
export type ReservationStatus = 'RESERVED' | 'REJECTED' | 'RELEASED' | 'COMMITTED' | 'WITHDRAWN';

/** What became of one order's reservation request; kept so a redelivered request gets the same answer. */
export type Reservation =
  | { readonly orderId: string; readonly status: 'RESERVED' | 'RELEASED' | 'COMMITTED'; readonly lines: readonly ReservedLine[] }
  | { readonly orderId: string; readonly status: 'REJECTED'; readonly reason: ReservationRejection; readonly skus: readonly string[] }
  | { readonly orderId: string; readonly status: 'WITHDRAWN' };

/** A reservation that has an answer: any but a withdrawn one. */
export type AnsweredReservation = Exclude<Reservation, { readonly status: 'WITHDRAWN' }>;

/**
 * The answer to a reservation request, the first time and on every redelivery alike. A withdrawn one
 * has none (its requester gave it up before it was handled, and expects no answer): `reserveStock`
 * returns before asking.
 */
export const resultOf = (reservation: AnsweredReservation): StockResult => {
  switch (reservation.status) {
    case 'REJECTED':
      return { type: 'StockRejected', orderId: reservation.orderId, reason: reservation.reason, skus: [...reservation.skus] };
    default:
      return { type: 'StockReserved', orderId: reservation.orderId, lines: [...reservation.lines] };
  }
};

/** A request that contradicts what the reservation went through: a bug somewhere, for a person to look at. */
export class ReservationStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReservationStateError';
  }
}

export type Settlement = 'RELEASED' | 'COMMITTED';

/**
 * Whether a held reservation can be released (stock back to available) or committed (sold). Doing the
 * same again is a redelivery and changes nothing. A release has nothing to give back for a rejected
 * (or withdrawn) reservation, and withdraws one that was not made yet: a requester that gives up an
 * order may not know how far its reservation got. Anything else is an error.
 */
export const settlementOf = (
  orderId: string,
  reservation: Reservation | undefined,
  to: Settlement,
): { readonly kind: 'settle'; readonly lines: readonly ReservedLine[] } | { readonly kind: 'already-settled' } | { readonly kind: 'withdraw' } => {
  if (to === 'RELEASED') {
    if (!reservation) return { kind: 'withdraw' };
    if (reservation.status === 'REJECTED' || reservation.status === 'WITHDRAWN') return { kind: 'already-settled' };
  }
  if (!reservation) throw new ReservationStateError(`Order ${orderId} has no reservation to mark ${to}`);
  if (reservation.status === to) return { kind: 'already-settled' };
  if (reservation.status !== 'RESERVED') {
    throw new ReservationStateError(`Order ${orderId}'s reservation is ${reservation.status}; it cannot become ${to}`);
  }
  return { kind: 'settle', lines: reservation.lines };
};
