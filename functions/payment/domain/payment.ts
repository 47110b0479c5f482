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

/**
 * One delivery's hold on a payment while it charges: no other delivery of the same request charges
 * until it is released or lapses. It lapses when the invocation's time is up, so a delivery whose
 * function died mid-charge does not hold the payment for ever.
 */
export interface PaymentLease {
  /** The invocation holding it (its request id). */
  readonly owner: string;
  /** Epoch milliseconds from which it no longer holds. */
  readonly until: number;
}

/** A payment as stored, with the lease on it while a delivery charges. */
export type StoredPayment = Payment & { readonly lease?: PaymentLease };

/** What a delivery that asks to charge a payment is told. */
export type Claim =
  | { readonly kind: 'claimed' }
  | { readonly kind: 'settled'; readonly payment: Payment & PaymentOutcome }
  | { readonly kind: 'held'; readonly until: number };

/**
 * Whether a delivery may charge the payment now: only when nobody settled it and no other delivery
 * holds a lease on it (a lapsed lease holds nothing). A settled payment is answered from what was
 * stored, without charging again. The store applies this rule atomically with taking the lease.
 */
export const claimOf = (stored: StoredPayment | undefined, now: number): Claim => {
  if (isSettled(stored)) return { kind: 'settled', payment: stored };
  if (stored?.lease && now < stored.lease.until) return { kind: 'held', until: stored.lease.until };
  return { kind: 'claimed' };
};

/** Another delivery of the same request is charging it now: this one is retried later. */
export class PaymentInProgressError extends Error {
  constructor(
    readonly orderId: string,
    readonly heldUntil: number,
  ) {
    super(`Another delivery is charging the payment for order ${orderId} (its lease runs until ${new Date(heldUntil).toISOString()})`);
    this.name = 'PaymentInProgressError';
  }
}
