import { admit, afterFailure, afterSuccess, type BreakerState, closedBreaker } from '../../../functions/payment/domain/circuit-breaker';

const policy = { failureThreshold: 3, openMs: 30_000, probeTimeoutMs: 4_000 };
const failTimes = (times: number, from: BreakerState = closedBreaker, now = 1_000) =>
  Array.from({ length: times }).reduce<BreakerState>((state) => afterFailure(state, now, policy), from);

describe('the payment provider circuit breaker', () => {
  it('lets calls through while closed, and counts failures in a row', () => {
    expect(admit(closedBreaker, 0, policy).admission).toEqual({ kind: 'call' });
    expect(failTimes(2)).toEqual({ state: 'closed', failures: 2 });
  });

  it('opens after the threshold of failures in a row, and holds calls for the open period', () => {
    const open = failTimes(3, closedBreaker, 1_000);
    expect(open).toEqual({ state: 'open', until: 31_000 });
    expect(admit(open, 10_000, policy)).toEqual({ admission: { kind: 'wait', retryAfterMs: 21_000 }, next: open });
  });

  it('lets one probe through when the open period is over, and holds the others while it runs', () => {
    const open = failTimes(3, closedBreaker, 1_000);
    const probing = admit(open, 31_000, policy);
    expect(probing).toEqual({ admission: { kind: 'call' }, next: { state: 'half-open', probeUntil: 35_000 } });
    expect(admit(probing.next, 32_000, policy).admission).toEqual({ kind: 'wait', retryAfterMs: 3_000 });
  });

  it('replaces a probe that never reported back', () => {
    const halfOpen: BreakerState = { state: 'half-open', probeUntil: 35_000 };
    expect(admit(halfOpen, 35_000, policy)).toEqual({ admission: { kind: 'call' }, next: { state: 'half-open', probeUntil: 39_000 } });
  });

  it('opens again when the probe fails', () => {
    expect(afterFailure({ state: 'half-open', probeUntil: 35_000 }, 33_000, policy)).toEqual({ state: 'open', until: 63_000 });
  });

  it('closes on any answer from the provider, and forgets the failures', () => {
    expect(afterSuccess()).toEqual({ state: 'closed', failures: 0 });
  });

  it('keeps the open period when a call let through before it opened fails late', () => {
    const open: BreakerState = { state: 'open', until: 31_000 };
    expect(afterFailure(open, 20_000, policy)).toBe(open);
  });
});
