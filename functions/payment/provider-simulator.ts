import { randomUUID } from 'node:crypto';
import {
  type ChargeOutcome,
  type ChargeRequest,
  type PaymentProvider,
  type ProviderCall,
  ProviderUnavailableError,
  type RefundOutcome,
} from './domain/provider';

export interface SimulatorOptions {
  /** Share of calls, 0 to 1, that fail as an outage would, doing nothing. */
  readonly failureRate: number;
  /** How long each call takes. */
  readonly latencyMs: number;
  /** Share of charges, 0 to 1, that charge and then never answer: the caller's timeout abandons them. */
  readonly chargedTimeoutRate: number;
  readonly random?: () => number;
}

/** What the simulated processor did under one idempotency key: its books, which every execution environment shares. */
export interface LedgerEntry {
  readonly outcome: ChargeOutcome;
  readonly refundReference?: string;
}

/** The outcome that stands under a key; `recorded` when this call put it there (the key was new). */
export interface RecordedCharge {
  readonly outcome: ChargeOutcome;
  readonly recorded: boolean;
}

export interface ChargeLedger {
  /** Records the outcome under the key unless one is there already; answers the one that stands, and whether it was this one. */
  record(idempotencyKey: string, outcome: ChargeOutcome): Promise<RecordedCharge>;
  find(idempotencyKey: string): Promise<LedgerEntry | undefined>;
  /** Records the refund of the captured charge unless one is there already; answers the refund that stands. */
  recordRefund(idempotencyKey: string, reference: string): Promise<string>;
}

/** The books of one process: for tests, and for a simulator that only one execution environment uses. */
export class InMemoryChargeLedger implements ChargeLedger {
  private readonly entries = new Map<string, LedgerEntry>();

  async record(idempotencyKey: string, outcome: ChargeOutcome) {
    const known = this.entries.get(idempotencyKey);
    if (known) return { outcome: known.outcome, recorded: false };
    this.entries.set(idempotencyKey, { outcome });
    return { outcome, recorded: true };
  }

  async find(idempotencyKey: string) {
    return this.entries.get(idempotencyKey);
  }

  async recordRefund(idempotencyKey: string, reference: string) {
    const entry = this.entries.get(idempotencyKey)!;
    if (!entry.refundReference) this.entries.set(idempotencyKey, { ...entry, refundReference: reference });
    return this.entries.get(idempotencyKey)!.refundReference!;
  }
}

const waitFor = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const abandoned = () => reject(new ProviderUnavailableError('The call was abandoned'));
    if (signal.aborted) return abandoned();
    if (ms <= 0) return resolve();
    const timer = ms === Infinity ? undefined : setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      abandoned();
    });
  });

/**
 * The default provider: a card processor in test mode. `tok_visa` is captured, `tok_chargeDeclined`
 * is declined, any other token is declined as invalid. It keeps its books by idempotency key (a charge
 * is made once per key; a refund once per charge), and its failure rate, latency and share of charges
 * that charge and then never answer come from the environment (CDK context), so tests and drills can
 * stage an outage, a slow processor or lost answers.
 */
export class SimulatedCardProcessor implements PaymentProvider {
  readonly name = 'simulator';

  constructor(
    private readonly options: SimulatorOptions,
    private readonly ledger: ChargeLedger,
  ) {}

  async charge({ idempotencyKey, paymentToken, signal }: ChargeRequest): Promise<ChargeOutcome> {
    await this.answerLikeAProcessor(signal);
    const { outcome, recorded } = await this.ledger.record(
      idempotencyKey,
      paymentToken === 'tok_visa'
        ? { status: 'captured', reference: `ch_sim_${randomUUID()}` }
        : { status: 'declined', reason: paymentToken === 'tok_chargeDeclined' ? 'card-declined' : 'invalid-payment-token' },
    );
    // A key charged before answers as then, without the roll for a lost answer (and its random draw).
    if (recorded && this.random() < this.options.chargedTimeoutRate) await waitFor(Infinity, signal);
    return outcome;
  }

  async findCharge({ idempotencyKey, signal }: ProviderCall): Promise<ChargeOutcome | undefined> {
    await this.answerLikeAProcessor(signal);
    return (await this.ledger.find(idempotencyKey))?.outcome;
  }

  async refund({ idempotencyKey, signal }: ProviderCall): Promise<RefundOutcome> {
    await this.answerLikeAProcessor(signal);
    const entry = await this.ledger.find(idempotencyKey);
    if (entry?.outcome.status !== 'captured') throw new Error(`There is no captured charge under ${idempotencyKey} to refund`);
    return { status: 'refunded', reference: await this.ledger.recordRefund(idempotencyKey, `re_sim_${randomUUID()}`) };
  }

  /** Every call takes the configured time, and fails at the configured rate without doing anything. */
  private async answerLikeAProcessor(signal: AbortSignal) {
    await waitFor(this.options.latencyMs, signal);
    if (this.random() < this.options.failureRate) throw new ProviderUnavailableError('Simulated processor outage');
  }

  private random() {
    return (this.options.random ?? Math.random)();
  }
}
