import { ProviderUnavailableError } from '../../../functions/payment/domain/provider';
import { InMemoryChargeLedger, SimulatedCardProcessor, type SimulatorOptions } from '../../../functions/payment/provider-simulator';

const signal = () => new AbortController().signal;
const request = (paymentToken: string, idempotencyKey = `key-${paymentToken}-${Math.random()}`) => ({
  idempotencyKey,
  paymentToken,
  amountCents: 1000,
  signal: signal(),
});
const simulator = (options: Partial<SimulatorOptions> = {}, ledger = new InMemoryChargeLedger()) =>
  new SimulatedCardProcessor({ failureRate: 0, latencyMs: 0, chargedTimeoutRate: 0, ...options }, ledger);

describe('the simulated card processor', () => {
  const processor = simulator();

  it('captures tok_visa', async () => {
    await expect(processor.charge(request('tok_visa'))).resolves.toEqual({ status: 'captured', reference: expect.stringMatching(/^ch_sim_/) });
  });

  it('declines tok_chargeDeclined', async () => {
    await expect(processor.charge(request('tok_chargeDeclined'))).resolves.toEqual({ status: 'declined', reason: 'card-declined' });
  });

  it.each(['tok_unknown', 'TOK_VISA', '4242424242424242'])('declines %s as an invalid token', async (token) => {
    await expect(processor.charge(request(token))).resolves.toEqual({ status: 'declined', reason: 'invalid-payment-token' });
  });

  it('answers a repeated idempotency key with the first charge instead of charging again, in any execution environment sharing its books', async () => {
    const ledger = new InMemoryChargeLedger();
    const first = await simulator({}, ledger).charge(request('tok_visa', 'same-key'));
    await expect(simulator({}, ledger).charge(request('tok_visa', 'same-key'))).resolves.toEqual(first);
  });

  it('fails as an outage would at the configured rate, charging nothing', async () => {
    const flaky = simulator({ failureRate: 0.5, random: jest.fn().mockReturnValueOnce(0.4).mockReturnValueOnce(0.6).mockReturnValue(0.9) });
    await expect(flaky.charge(request('tok_visa', 'flaky'))).rejects.toBeInstanceOf(ProviderUnavailableError);
    await expect(flaky.findCharge({ idempotencyKey: 'flaky', signal: signal() })).resolves.toBeUndefined();
    await expect(flaky.charge(request('tok_visa', 'flaky'))).resolves.toMatchObject({ status: 'captured' });
  });

  it('takes the configured latency, and gives up when the caller stops waiting', async () => {
    const slow = simulator({ latencyMs: 60_000 });
    const caller = new AbortController();
    const pending = slow.charge({ ...request('tok_visa'), signal: caller.signal });
    caller.abort();
    await expect(pending).rejects.toBeInstanceOf(ProviderUnavailableError);
  });

  it('charges and then never answers at the configured rate; the charge stands, and is found by its key', async () => {
    const ledger = new InMemoryChargeLedger();
    const recorded = new Promise<void>((resolve) => {
      const record = ledger.record.bind(ledger);
      ledger.record = async (...args) => {
        const outcome = await record(...args);
        resolve();
        return outcome;
      };
    });
    const lost = simulator({ chargedTimeoutRate: 1 }, ledger);
    const caller = new AbortController();
    const pending = lost.charge({ ...request('tok_visa', 'lost-answer'), signal: caller.signal });
    await recorded;
    await expect(lost.findCharge({ idempotencyKey: 'lost-answer', signal: signal() })).resolves.toMatchObject({ status: 'captured' });
    caller.abort();
    await expect(pending).rejects.toBeInstanceOf(ProviderUnavailableError);
    const found = await simulator({}, ledger).findCharge({ idempotencyKey: 'lost-answer', signal: signal() });
    await expect(simulator({}, ledger).charge(request('tok_visa', 'lost-answer'))).resolves.toEqual(found);
  });

  it('finds nothing under a key it never charged', async () => {
    await expect(processor.findCharge({ idempotencyKey: 'never-used', signal: signal() })).resolves.toBeUndefined();
  });

  it('refunds a captured charge once, however often asked', async () => {
    await processor.charge(request('tok_visa', 'refund-me'));
    const refund = await processor.refund({ idempotencyKey: 'refund-me', signal: signal() });
    expect(refund).toEqual({ status: 'refunded', reference: expect.stringMatching(/^re_sim_/) });
    await expect(processor.refund({ idempotencyKey: 'refund-me', signal: signal() })).resolves.toEqual(refund);
  });

  it('refuses to refund a decline or a charge it never made', async () => {
    await processor.charge(request('tok_chargeDeclined', 'declined'));
    await expect(processor.refund({ idempotencyKey: 'declined', signal: signal() })).rejects.toThrow(/no captured charge/);
    await expect(processor.refund({ idempotencyKey: 'never-charged', signal: signal() })).rejects.toThrow(/no captured charge/);
  });
});
