import { normalizeEmail } from './domain/user';

/*
 * The Users table's item kinds, each under a partition key prefix of its own: the profile
 * (`USER#<userId>`), the credential (`EMAIL#<normalized email>`, with the password hash) and the failed
 * login attempts of an email (`LOGIN#<normalized email>`). The stack grants each function the prefixes
 * it touches only (`dynamodb:LeadingKeys`): reading a profile never gives access to a password hash.
 */
export const partitions = { profile: 'USER#', credential: 'EMAIL#', loginAttempts: 'LOGIN#' } as const;

export const profileKey = (userId: string) => ({ pk: `${partitions.profile}${userId}`, sk: 'PROFILE' });
export const credentialKey = (email: string) => ({ pk: `${partitions.credential}${normalizeEmail(email)}`, sk: 'CREDENTIAL' });
export const loginAttemptsKey = (email: string) => ({ pk: `${partitions.loginAttempts}${normalizeEmail(email)}`, sk: 'ATTEMPTS' });
