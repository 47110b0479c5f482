/**
 * A card processor, as the Payment service needs it. Implementations charge a tokenized card at most
 * once per idempotency key (real processors such as Stripe take one per request), tell what they did
 * with a key (so a call abandoned without an answer can be reconciled), refund a charge once however
 * often asked, answer declines as outcomes, and signal a processor that cannot answer right now with
 * ProviderUnavailableError.
 */
export interface ChargeRequest {
  /** The same key for every attempt at one payment: a retried call must not charge twice. */
  readonly idempotencyKey: string;
  readonly amountCents: number;
  readonly paymentToken: string;
  /** Aborted when the caller stops waiting. */
  readonly signal: AbortSignal;
}

export type ChargeOutcome =
  | { readonly status: 'captured'; readonly reference: string }
  | { readonly status: 'declined'; readonly reason: 'card-declined' | 'invalid-payment-token' };

export interface ProviderCall {
  /** The key the charge was asked for with. */
  readonly idempotencyKey: string;
  readonly signal: AbortSignal;
}

export interface RefundOutcome {
  readonly status: 'refunded';
  readonly reference: string;
}

export interface PaymentProvider {
  readonly name: string;
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
  /** What the processor did with this key, if it did anything: the charge a call abandoned on timeout may have made. */
  findCharge(call: ProviderCall): Promise<ChargeOutcome | undefined>;
  /** Refunds the charge captured with this key, in full, once; asked again, it answers the same refund. */
  refund(call: ProviderCall): Promise<RefundOutcome>;
}

/** The processor could not answer: an outage, a 5xx, a dropped connection, or no answer in time. Worth retrying. */
export class ProviderUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ProviderUnavailableError';
  }
}

/**
 * No answer in time: the call was abandoned, and the processor may have acted on it all the same. What
 * it did is known only by asking it (`findCharge`).
 */
export class ProviderTimeoutError extends ProviderUnavailableError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ProviderTimeoutError';
  }
}
