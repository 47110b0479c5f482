import type { BreakerState } from './domain/circuit-breaker';
import type { Payment, PaymentOutcome } from './domain/payment';

export interface PaymentSubject {
  readonly orderId: string;
  readonly userId: string;
  readonly amountCents: number;
}

/** The breaker's state and a version that changes with every write (for compare-and-set). */
export interface VersionedBreakerState {
  readonly state: BreakerState;
  readonly version: number;
}

/** Where payments and the provider's circuit breaker live. The DynamoDB adapter is one implementation. */
export interface PaymentStore {
  get(orderId: string): Promise<Payment | undefined>;
  /** Counts one call to the provider; the first creates the payment, PENDING. */
  recordAttempt(subject: PaymentSubject, now: Date): Promise<void>;
  /** Settles the payment; settling it again the same way changes nothing, another way is an error. */
  settle(subject: PaymentSubject, outcome: PaymentOutcome, now: Date): Promise<Payment & PaymentOutcome>;

  readBreaker(provider: string): Promise<VersionedBreakerState>;
  /** Writes the state if nobody wrote since `expectedVersion` was read; false otherwise. */
  writeBreaker(provider: string, state: BreakerState, expectedVersion: number): Promise<boolean>;
}
