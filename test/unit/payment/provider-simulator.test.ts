import { ProviderUnavailableError } from '../../../functions/payment/domain/provider';
import { SimulatedCardProcessor } from '../../../functions/payment/provider-simulator';

const request = (paymentToken: string, idempotencyKey = `key-${paymentToken}-${Math.random()}`) => ({
  idempotencyKey,
  paymentToken,
  amountCents: 1000,
  signal: new AbortController().signal,
});

describe('the simulated card processor', () => {
  const processor = new SimulatedCardProcessor({ failureRate: 0, latencyMs: 0 });

  it('captures tok_visa', async () => {
    await expect(processor.charge(request('tok_visa'))).resolves.toEqual({ status: 'captured', reference: expect.stringMatching(/^ch_sim_/) });
  });

  it('declines tok_chargeDeclined', async () => {
    await expect(processor.charge(request('tok_chargeDeclined'))).resolves.toEqual({ status: 'declined', reason: 'card-declined' });
  });

  it.each(['tok_unknown', 'TOK_VISA', '4242424242424242'])('declines %s as an invalid token', async (token) => {
    await expect(processor.charge(request(token))).resolves.toEqual({ status: 'declined', reason: 'invalid-payment-token' });
  });

  it('answers a repeated idempotency key with the first charge instead of charging again', async () => {
    const first = await processor.charge(request('tok_visa', 'same-key'));
    await expect(processor.charge(request('tok_visa', 'same-key'))).resolves.toEqual(first);
  });

  it('fails as an outage would at the configured rate', async () => {
    const flaky = new SimulatedCardProcessor({ failureRate: 0.5, latencyMs: 0, random: jest.fn().mockReturnValueOnce(0.4).mockReturnValueOnce(0.6) });
    await expect(flaky.charge(request('tok_visa'))).rejects.toBeInstanceOf(ProviderUnavailableError);
    await expect(flaky.charge(request('tok_visa'))).resolves.toMatchObject({ status: 'captured' });
  });

  it('takes the configured latency, and gives up when the caller stops waiting', async () => {
    const slow = new SimulatedCardProcessor({ failureRate: 0, latencyMs: 60_000 });
    const caller = new AbortController();
    const pending = slow.charge({ ...request('tok_visa'), signal: caller.signal });
    caller.abort();
    await expect(pending).rejects.toBeInstanceOf(ProviderUnavailableError);
  });
});
