import { admitLogin, type LoginAttempts, loginThrottle } from '../../../functions/user/domain/login-throttle';

const minute = 60_000;

/** Admits `count` attempts one after the other (all failing), `spacingMs` apart; returns the state after them. */
const failSeveral = (count: number, start: number, spacingMs = 1000, from?: LoginAttempts) => {
  let attempts = from;
  for (let n = 0; n < count; n++) {
    const admission = admitLogin(attempts, start + n * spacingMs);
    if (!admission.admitted) throw new Error(`attempt ${n + 1} was refused`);
    attempts = admission.attempts;
  }
  return attempts!;
};

describe('login throttling', () => {
  it('admits the first ten attempts of a window and refuses the eleventh, with the time to wait', () => {
    const attempts = failSeveral(10, 0);
    const eleventh = admitLogin(attempts, 10_000);
    expect(eleventh).toEqual({ admitted: false, retryAfterSeconds: 59 });
  });

  it('admits again once the lock is over, and locks twice as long after the next ten failures', () => {
    const first = failSeveral(10, 0);
    expect(first.lockedUntil).toBe(9000 + minute);
    const second = failSeveral(10, first.lockedUntil!, 1000, first);
    expect(second.lockedUntil! - second.lastAttemptAt).toBe(2 * minute);
  });

  it('never locks for longer than fifteen minutes', () => {
    let attempts: LoginAttempts | undefined;
    let now = 0;
    for (let lock = 1; lock <= 8; lock++) {
      attempts = failSeveral(10, now, 1000, attempts);
      expect(attempts.lockedUntil! - attempts.lastAttemptAt).toBeLessThanOrEqual(loginThrottle.maxLockMs);
      now = attempts.lockedUntil!;
    }
    expect(attempts!.lockedUntil! - attempts!.lastAttemptAt).toBe(15 * minute);
  });

  it('counts failures within fifteen minutes only', () => {
    const nine = failSeveral(9, 0);
    const later = admitLogin(nine, 16 * minute);
    expect(later).toMatchObject({ admitted: true, attempts: { failures: 1, lockouts: 0 } });
  });

  it('forgets everything a day after the last attempt', () => {
    const locked = failSeveral(10, 0);
    const nextDay = admitLogin({ ...locked, lockedUntil: Number.MAX_SAFE_INTEGER }, 9000 + loginThrottle.forgetAfterMs);
    expect(nextDay).toMatchObject({ admitted: true, attempts: { failures: 1, lockouts: 0 } });
  });

  it('admits a first attempt for an email never seen', () => {
    expect(admitLogin(undefined, 5)).toEqual({ admitted: true, attempts: { failures: 1, windowStartedAt: 5, lockouts: 0, lastAttemptAt: 5 } });
  });
});
