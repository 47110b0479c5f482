import { randomUUID } from 'node:crypto';
import { type ChargeOutcome, type ChargeRequest, type PaymentProvider, ProviderUnavailableError } from './domain/provider';

export interface SimulatorOptions {
  /** Share of calls, 0 to 1, that fail as an outage would. */
  readonly failureRate: number;
  /** How long each call takes. */
  readonly latencyMs: number;
  readonly random?: () => number;
}

/** Charges remembered per idempotency key (per execution environment), as a processor remembers them. */
const rememberedCharges = 10_000;

const waitFor = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (ms <= 0) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new ProviderUnavailableError('The call was abandoned'));
    });
  });

/**
 * The default provider: a card processor in test mode. `tok_visa` is captured, `tok_chargeDeclined`
 * is declined, any other token is declined as invalid. Its failure rate and latency come from the
 * environment, so tests and drills can stage an outage or a slow processor.
 */
export class SimulatedCardProcessor implements PaymentProvider {
  readonly name = 'simulator';
  private readonly charges = new Map<string, ChargeOutcome>();

  constructor(private readonly options: SimulatorOptions) {}

  async charge({ idempotencyKey, paymentToken, signal }: ChargeRequest): Promise<ChargeOutcome> {
    await waitFor(this.options.latencyMs, signal);
    if ((this.options.random ?? Math.random)() < this.options.failureRate) {
      throw new ProviderUnavailableError('Simulated processor outage');
    }
    const known = this.charges.get(idempotencyKey);
    if (known) return known;
    const outcome: ChargeOutcome =
      paymentToken === 'tok_visa'
        ? { status: 'captured', reference: `ch_sim_${randomUUID()}` }
        : { status: 'declined', reason: paymentToken === 'tok_chargeDeclined' ? 'card-declined' : 'invalid-payment-token' };
    this.charges.set(idempotencyKey, outcome);
    if (this.charges.size > rememberedCharges) this.charges.delete(this.charges.keys().next().value!);
    return outcome;
  }
}
