import { delayBeforeNextAttempt, deferralSeconds, leaseEndDelaySeconds, maxDeferralSeconds, waitedTooLong } from '../../../functions/payment/domain/retry-policy';
import { backoffDelayMs } from '../../../functions/shared/backoff';

const policy = { maxAttempts: 3, attemptTimeoutMs: 2_000, backoff: { baseDelayMs: 100, maxDelayMs: 1_000 }, maxWaitMs: 900_000 };
const highest = () => 0.999999;

describe('full-jitter backoff', () => {
  it('draws from zero up to a cap that doubles with every retry, and stops growing at the maximum', () => {
    expect([1, 2, 3, 4, 5].map((retry) => backoffDelayMs(policy.backoff, retry, highest))).toEqual([99, 199, 399, 799, 999]);
    expect(backoffDelayMs(policy.backoff, 3, () => 0)).toBe(0);
  });

  it('spreads clients that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelayMs(policy.backoff, 4)));
    expect(delays.size).toBeGreaterThan(10);
  });
});

describe('the payment retry policy', () => {
  it('retries within one delivery until the attempts are used up', () => {
    expect(delayBeforeNextAttempt(policy, 1, highest)).toBe(99);
    expect(delayBeforeNextAttempt(policy, 2, highest)).toBe(199);
    expect(delayBeforeNextAttempt(policy, 3, highest)).toBeUndefined();
  });

  it('puts a request off at least until the breaker lets calls through again', () => {
    expect(deferralSeconds(0, 30_000, () => 0)).toBe(30);
  });

  it('puts a request off for longer the more often it was put off, within the SQS maximum', () => {
    const delays = [0, 1, 2, 3, 4, 10].map((deferrals) => deferralSeconds(deferrals, 0, highest));
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    expect(delays[0]).toBeGreaterThanOrEqual(5);
    expect(Math.max(...delays)).toBeLessThanOrEqual(maxDeferralSeconds);
    expect(deferralSeconds(0, 5_000_000)).toBe(maxDeferralSeconds);
  });

  it('puts a request off no later than the moment it may be given up, and after that moment as usual', () => {
    expect(deferralSeconds(6, 30_000, highest, 12_500)).toBe(13);
    expect(deferralSeconds(6, 30_000, highest, 200)).toBe(1);
    expect(deferralSeconds(0, 30_000, () => 0, -1)).toBe(30);
  });

  it('holds a request that found the payment held until a second after the lease ends, within 1 s and the SQS maximum', () => {
    const now = Date.parse('2026-12-01T10:00:00.000Z');
    expect(leaseEndDelaySeconds(now + 14_200, now)).toBe(16);
    expect(leaseEndDelaySeconds(now + 15_000, now)).toBe(16);
    expect(leaseEndDelaySeconds(now - 5_000, now)).toBe(1);
    expect(leaseEndDelaySeconds(now + 3_600_000, now)).toBe(maxDeferralSeconds);
  });

  it('gives up once the order has waited the maximum since it asked for the payment', () => {
    const requestedAt = '2026-11-26T10:00:00.000Z';
    expect(waitedTooLong(requestedAt, Date.parse(requestedAt) + 899_999, policy)).toBe(false);
    expect(waitedTooLong(requestedAt, Date.parse(requestedAt) + 900_000, policy)).toBe(true);
  });
});
