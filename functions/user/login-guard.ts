import { documentClient } from '#shared/dynamodb-clients';
import { lazily } from '#shared/lazy';
import { tooManyRequests } from '#shared/problem';
import { admitLogin } from './domain/login-throttle';
import { DynamoDbLoginAttempts } from './login-attempts-dynamodb';
import { userSettings } from './settings';

const loginAttempts = lazily(() => new DynamoDbLoginAttempts(documentClient(), userSettings().tableName));

/** Rounds of read-and-write before attempts that keep racing for one email are refused. */
const recordingRounds = 5;

const tooManyLogins = (retryAfterSeconds: number) =>
  tooManyRequests(`Too many failed logins for this email. Try again in ${retryAfterSeconds} seconds.`, retryAfterSeconds);

export interface AdmittedLogin {
  /** The password was right: the failed attempts are forgotten. */
  succeeded(): Promise<void>;
}

/**
 * Counts a login attempt for the email before its password is checked, or refuses it with 429 and
 * `Retry-After` while the email is locked (see domain/login-throttle.ts).
 */
export const admitLoginAttempt = async (email: string): Promise<AdmittedLogin> => {
  const store = loginAttempts();
  for (let round = 1; round <= recordingRounds; round++) {
    const { attempts, version } = await store.read(email);
    const admission = admitLogin(attempts, Date.now());
    if (!admission.admitted) throw tooManyLogins(admission.retryAfterSeconds);
    if (await store.record(email, admission.attempts, version)) return { succeeded: () => store.clear(email) };
  }
  // Attempts for this email keep racing each other: refuse rather than let one through uncounted.
  throw tooManyLogins(1);
};
