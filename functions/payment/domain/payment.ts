import type { DeclineReason, PaymentResult } from '#shared/contracts/payment';

/** PENDING while attempts are under way; CAPTURED or DECLINED for good. */
export type PaymentStatus = 'PENDING' | 'CAPTURED' | 'DECLINED';

export interface Payment {
  readonly orderId: string;
  readonly userId: string;
  readonly status: PaymentStatus;
  readonly amountCents: number;
  /** Calls made to the provider for this payment, retries included. */
  readonly attempts: number;
  readonly declineReason?: DeclineReason;
  /** The provider's id for the charge. */
  readonly providerReference?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** How a payment ended. */
export type PaymentOutcome =
  | { readonly status: 'CAPTURED'; readonly providerReference: string }
  | { readonly status: 'DECLINED'; readonly declineReason: DeclineReason };

export const isSettled = (payment: Payment | undefined): payment is Payment & PaymentOutcome =>
  payment?.status === 'CAPTURED' || payment?.status === 'DECLINED';

/** The answer to a payment request, the first time and on every redelivery alike. */
export const resultOf = (payment: Payment & PaymentOutcome): PaymentResult =>
  payment.status === 'CAPTURED'
    ? { type: 'PaymentCaptured', orderId: payment.orderId, amountCents: payment.amountCents }
    : { type: 'PaymentDeclined', orderId: payment.orderId, reason: payment.declineReason };

/** A payment as its owner sees it. */
export const viewOf = ({ orderId, status, amountCents, attempts, declineReason }: Payment) => ({
  orderId,
  status,
  amountCents,
  attempts,
  ...(declineReason && { declineReason }),
});
