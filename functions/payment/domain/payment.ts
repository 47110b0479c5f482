import type { DeclineReason, PaymentResult } from '#shared/contracts/payment';

/**
 * PENDING while attempts are under way; CAPTURED or DECLINED when charged or refused. When its order
 * is cancelled, a captured payment is REFUNDED, and one that charged nothing is CANCELLED.
 */
export const paymentStatuses = ['PENDING', 'CAPTURED', 'DECLINED', 'REFUNDED', 'CANCELLED'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

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
  /** The provider's id for the refund. */
  readonly refundReference?: string;
  /** The order was cancelled: nothing more may be charged, and what was captured is refunded. */
  readonly cancelRequested?: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** How a payment ended. */
export type PaymentOutcome =
  | { readonly status: 'CAPTURED'; readonly providerReference: string }
  | { readonly status: 'DECLINED'; readonly declineReason: DeclineReason }
  | { readonly status: 'REFUNDED'; readonly providerReference: string; readonly refundReference: string }
  | { readonly status: 'CANCELLED' };

export type SettledPayment = Payment & PaymentOutcome;

/** The statuses a payment may be in when it is settled a given way (settling it the same way again is a redelivery). */
export const settlableFrom: Record<PaymentOutcome['status'], readonly PaymentStatus[]> = {
  CAPTURED: ['PENDING', 'CAPTURED'],
  DECLINED: ['PENDING', 'DECLINED'],
  REFUNDED: ['PENDING', 'CAPTURED', 'REFUNDED'],
  CANCELLED: ['PENDING', 'CANCELLED'],
};

/**
 * The answer to a payment request, the first time and on every redelivery alike. A payment whose order
 * was cancelled (refunded, or cancelled before any charge) has none: its order waits for no answer.
 */
export const resultOf = (payment: SettledPayment): PaymentResult | undefined => {
  switch (payment.status) {
    case 'CAPTURED':
      return { type: 'PaymentCaptured', orderId: payment.orderId, amountCents: payment.amountCents };
    case 'DECLINED':
      return { type: 'PaymentDeclined', orderId: payment.orderId, reason: payment.declineReason };
    default:
      return undefined;
  }
};

/** A payment as its owner sees it. */
export const viewOf = ({ orderId, status, amountCents, attempts, declineReason }: Payment) => ({
  orderId,
  status,
  amountCents,
  attempts,
  ...(declineReason && { declineReason }),
});

/**
 * One delivery's hold on a payment while it charges, refunds or cancels it: no other delivery acts on
 * it until it is released or lapses. It lapses when the invocation's time is up, so a delivery whose
 * function died mid-charge does not hold the payment for ever.
 */
export interface PaymentLease {
  /** The invocation holding it (its request id). */
  readonly owner: string;
  /** Epoch milliseconds from which it no longer holds. */
  readonly until: number;
}

/**
 * A payment as stored, with the lease on it while a delivery acts on it, and whether a call for it may
 * have charged without anyone knowing: a delivery abandoned a call on timeout, failed after a call, or
 * ended without giving its lease back (it died mid-charge). Such a payment is looked up at the provider
 * before it is given up or cancelled; one whose every call was refused outright is not.
 */
export type StoredPayment = Payment & { readonly lease?: PaymentLease; readonly outcomeUnknown?: boolean };

/** What a delivery wants to do with the payment: charge it (CapturePayment), or undo it (CancelPayment). */
export type ClaimPurpose = 'charge' | 'cancel';

/** Whether a delivery may act on a payment: it may, or there is nothing left to do, or another delivery holds it. */
export type ClaimRule =
  | { readonly kind: 'claimable' }
  | { readonly kind: 'settled'; readonly payment: SettledPayment }
  | { readonly kind: 'held'; readonly until: number };

/** What a delivery that asks to act on a payment is told: it holds it now (here it is), or why not. */
export type Claim = { readonly kind: 'claimed'; readonly payment: StoredPayment } | Exclude<ClaimRule, { readonly kind: 'claimable' }>;

/** The statuses in which there is nothing left to do for a purpose: the payment is answered (or left) as it is. */
export const doneFor: Record<ClaimPurpose, readonly PaymentStatus[]> = {
  charge: ['CAPTURED', 'DECLINED', 'REFUNDED', 'CANCELLED'],
  cancel: ['DECLINED', 'REFUNDED', 'CANCELLED'],
};

/**
 * Whether a delivery may act on the payment now: only when there is something left to do for its
 * purpose (charging a payment nobody settled; refunding a captured one, or cancelling a pending one)
 * and no other delivery holds a lease on it (a lapsed lease holds nothing). A payment with nothing left
 * to do is answered from what was stored, without calling the provider again. The store applies this
 * rule atomically with taking the lease.
 */
export const claimOf = (stored: StoredPayment | undefined, now: number, purpose: ClaimPurpose): ClaimRule => {
  if (stored && doneFor[purpose].includes(stored.status)) return { kind: 'settled', payment: stored as SettledPayment };
  if (stored?.lease && now < stored.lease.until) return { kind: 'held', until: stored.lease.until };
  return { kind: 'claimable' };
};

