import type { BreakerState } from './domain/circuit-breaker';
import type { Claim, ClaimPurpose, Payment, PaymentLease, PaymentOutcome, SettledPayment } from './domain/payment';

export interface PaymentSubject {
  readonly orderId: string;
  readonly userId: string;
  readonly amountCents: number;
}

/** The delivery that settles a payment: its lease's owner, and the provider calls it made. */
export interface SettlingDelivery {
  readonly owner: string;
  readonly attempts: number;
}

/** The breaker's state and a version that changes with every write (for compare-and-set). */
export interface VersionedBreakerState {
  readonly state: BreakerState;
  readonly version: number;
}

/** A compare-and-set of the breaker: done, or lost to another write, whose state it answers with. */
export type BreakerWrite = { readonly written: true } | { readonly written: false; readonly current: VersionedBreakerState };

/** Where payments and the provider's circuit breaker live. The DynamoDB adapter is one implementation. */
export interface PaymentStore {
  get(orderId: string): Promise<Payment | undefined>;
  /**
   * Takes the payment for one delivery, in one atomic step, by the rule of `claimOf` for the delivery's
   * purpose: the first creates it PENDING; one with something left to do whose lease has lapsed is taken
   * over. It answers with the payment as it now is; otherwise with the settled payment, or with the
   * lease another delivery holds.
   */
  claim(subject: PaymentSubject, lease: PaymentLease, now: Date, purpose: ClaimPurpose): Promise<Claim>;
  /** Marks the payment's order as cancelled (creating the payment PENDING if its request has not arrived): see `cancelRequested`. */
  requestCancellation(subject: PaymentSubject, now: Date): Promise<void>;
  /**
   * Settles the payment, counts the provider calls the settling delivery made and drops the lease;
   * another delivery settling it again the same way changes nothing else, and the same delivery's settle
   * sent again (its answer lost) changes nothing at all; from a status `settlableFrom` does not allow, it is an error.
   */
  settle(subject: PaymentSubject, outcome: PaymentOutcome, delivery: SettlingDelivery, now: Date): Promise<SettledPayment>;
  /**
   * Gives the payment back unsettled (put off, or failed), counting the provider calls this delivery
   * made, and noting when one of them may have charged unbeknown (`outcomeUnknown`, which stays);
   * false when the lease is no longer this owner's (it lapsed and another delivery took it).
   */
  release(subject: PaymentSubject, owner: string, attempts: number, now: Date, outcomeUnknown: boolean): Promise<boolean>;

  /** The breaker's state; `consistent` asks for every write acknowledged before, at a higher price. */
  readBreaker(provider: string, options: { consistent: boolean }): Promise<VersionedBreakerState>;
  /** Writes the state if nobody wrote since `expectedVersion` was read; otherwise answers what is there now. */
  writeBreaker(provider: string, state: BreakerState, expectedVersion: number): Promise<BreakerWrite>;
}
