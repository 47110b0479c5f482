/**
 * Password guessing, slowed down per account: after `maxFailures` failed logins within `windowMs`,
 * every login for that email is refused (even with the right password) until the lock ends. Each
 * lock lasts twice the one before, from `firstLockMs` up to `maxLockMs`; a successful login forgets
 * it all, and so does a day without attempts. Unknown emails are throttled alike, so the answers do
 * not tell which emails have an account.
 *
 * An attempt is counted when it is admitted, before its password is checked: attempts that race
 * each other are admitted one by one, and no more than `maxFailures` of them reach a password check.
 */
export const loginThrottle = {
  maxFailures: 10,
  windowMs: 15 * 60_000,
  firstLockMs: 60_000,
  maxLockMs: 15 * 60_000,
  forgetAfterMs: 24 * 3600_000,
} as const;

export interface LoginAttempts {
  /** Attempts admitted in the current window and not followed by a success. */
  readonly failures: number;
  readonly windowStartedAt: number;
  /** How many times the account was locked since the last success. */
  readonly lockouts: number;
  readonly lockedUntil?: number;
  readonly lastAttemptAt: number;
}

export type Admission =
  | { readonly admitted: true; readonly attempts: LoginAttempts }
  | { readonly admitted: false; readonly retryAfterSeconds: number };

const lockDuration = (lockouts: number) =>
  Math.min(loginThrottle.maxLockMs, loginThrottle.firstLockMs * 2 ** (lockouts - 1));

/** Whether a login at `now` may check its password, and the attempts to record if so. */
export const admitLogin = (recorded: LoginAttempts | undefined, now: number): Admission => {
  const known = recorded && now - recorded.lastAttemptAt < loginThrottle.forgetAfterMs ? recorded : undefined;
  if (known?.lockedUntil !== undefined && known.lockedUntil > now) {
    return { admitted: false, retryAfterSeconds: Math.ceil((known.lockedUntil - now) / 1000) };
  }
  const windowOpen = known !== undefined && now - known.windowStartedAt < loginThrottle.windowMs;
  const failures = (windowOpen ? known.failures : 0) + 1;
  const lockouts = known?.lockouts ?? 0;
  if (failures < loginThrottle.maxFailures) {
    return { admitted: true, attempts: { failures, windowStartedAt: windowOpen ? known.windowStartedAt : now, lockouts, lastAttemptAt: now } };
  }
  // This attempt is the last one the window allows: if it fails too, the account stays locked.
  return {
    admitted: true,
    attempts: { failures: 0, windowStartedAt: now, lockouts: lockouts + 1, lockedUntil: now + lockDuration(lockouts + 1), lastAttemptAt: now },
  };
};
