import * as z from '../zod';
import { returnAddress } from './return-address';

/*
 * The Inventory service's stock channel: requests it takes on its stock-requests queue, and the
 * results it sends to the queue each reservation request names in `replyTo`.
 */

export const sku = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'A SKU is 1 to 64 letters, digits, dots, dashes or underscores.'));

/** A reservation is one DynamoDB transaction (at most 100 items): the reservation and one item per line. */
export const maxLinesPerReservation = 99;

const orderId = z.uuid();
const requestedLine = z.object({ sku, quantity: z.int().check(z.minimum(1)) });
const reservedLine = z.extend(requestedLine, { priceCents: z.int().check(z.nonnegative()) });

export const reserveStock = z.object({
  type: z.literal('ReserveStock'),
  orderId,
  lines: z.array(requestedLine).check(z.minLength(1), z.maxLength(maxLinesPerReservation)),
  /** The queue that gets the StockReserved or StockRejected answer (a return address). */
  replyTo: returnAddress,
});
/** Gives a reservation's stock back (the order will not be paid). */
export const releaseStock = z.object({ type: z.literal('ReleaseStock'), orderId });
/** Turns a reservation into a sale: the stock leaves `reserved` for good (the order is paid). */
export const commitStock = z.object({ type: z.literal('CommitStock'), orderId });

export const stockRequest = z.discriminatedUnion('type', [reserveStock, releaseStock, commitStock]);
export type ReserveStock = z.infer<typeof reserveStock>;
export type ReleaseStock = z.infer<typeof releaseStock>;
export type CommitStock = z.infer<typeof commitStock>;
export type StockRequest = z.infer<typeof stockRequest>;

/** Every line is reserved, at the price it had when it was reserved. */
export const stockReserved = z.object({ type: z.literal('StockReserved'), orderId, lines: z.array(reservedLine).check(z.minLength(1)) });
export const reservationRejections = ['unknown-sku', 'insufficient-stock'] as const;
/** Nothing is reserved: some SKU is unknown or has too little stock. */
export const stockRejected = z.object({
  type: z.literal('StockRejected'),
  orderId,
  reason: z.enum(reservationRejections),
  skus: z.array(sku).check(z.minLength(1)),
});

export const stockResult = z.discriminatedUnion('type', [stockReserved, stockRejected]);
export type StockReserved = z.infer<typeof stockReserved>;
export type StockRejected = z.infer<typeof stockRejected>;
export type StockResult = z.infer<typeof stockResult>;
export type ReservationRejection = (typeof reservationRejections)[number];
