import * as z from '../zod';
import { returnAddress } from './return-address';

/*
 * The Payment service's channel: payment requests it takes on its payment-requests queue (charge for an
 * order, or cancel an order's payment), and the results of charges, which it sends to the queue each
 * request names in `replyTo`.
 */

const orderId = z.uuid();
const positiveCents = z.int().check(z.minimum(1));

/** The card token the shopper's order carries to the payment provider. */
export const paymentToken = z.string().check(z.minLength(1), z.maxLength(255));

export const capturePayment = z.object({
  type: z.literal('CapturePayment'),
  orderId,
  /** The order's owner: only they may read the payment. */
  userId: z.string().check(z.minLength(1)),
  amountCents: positiveCents,
  paymentToken,
  replyTo: returnAddress,
  /** When the order asked for the payment; a payment that cannot be attempted for too long is declined. */
  requestedAt: z.iso.datetime(),
  /** How often the Payment service has put this request off while its provider was down (it sets this itself). */
  deferrals: z.optional(z.int().check(z.nonnegative())),
});
export type CapturePayment = z.infer<typeof capturePayment>;

/**
 * The order no longer wants its payment (it was cancelled): nothing more is charged for it, and what was
 * captured is refunded. It has no answer. It carries the payment's owner and amount, because it may
 * arrive before the payment request it cancels.
 */
export const cancelPayment = z.object({
  type: z.literal('CancelPayment'),
  orderId,
  userId: z.string().check(z.minLength(1)),
  amountCents: positiveCents,
  /** How often the Payment service has put this request off while its provider was down (it sets this itself). */
  deferrals: z.optional(z.int().check(z.nonnegative())),
});
export type CancelPayment = z.infer<typeof cancelPayment>;

export const paymentRequest = z.discriminatedUnion('type', [capturePayment, cancelPayment]);
export type PaymentRequest = z.infer<typeof paymentRequest>;

export const declineReasons = ['card-declined', 'invalid-payment-token', 'payment-provider-unavailable'] as const;
export type DeclineReason = (typeof declineReasons)[number];

export const paymentCaptured = z.object({ type: z.literal('PaymentCaptured'), orderId, amountCents: positiveCents });
export const paymentDeclined = z.object({ type: z.literal('PaymentDeclined'), orderId, reason: z.enum(declineReasons) });

export const paymentResult = z.discriminatedUnion('type', [paymentCaptured, paymentDeclined]);
export type PaymentCaptured = z.infer<typeof paymentCaptured>;
export type PaymentDeclined = z.infer<typeof paymentDeclined>;
export type PaymentResult = z.infer<typeof paymentResult>;
