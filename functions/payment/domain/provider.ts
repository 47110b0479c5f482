/**
 * A card processor, as the Payment service needs it. Implementations charge a tokenized card at most
 * once per idempotency key (real processors such as Stripe take one per request), answer declines as
 * outcomes, and signal a processor that cannot answer right now with ProviderUnavailableError.
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

export interface PaymentProvider {
  readonly name: string;
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
}

/** The processor could not answer: an outage, a 5xx, a dropped connection, or no answer in time. Worth retrying. */
export class ProviderUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ProviderUnavailableError';
  }
}
