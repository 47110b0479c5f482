import { numberEnv, requiredEnv } from '#shared/config';
import { lazily } from '#shared/lazy';
import type { TokenSettings } from './domain/tokens';

/** The User service's deployment settings, read once per execution environment. */
export const userSettings = lazily(() => ({ tableName: requiredEnv('TABLE_NAME') }));

/**
 * What access tokens say and how long they live: 15 minutes by default, which is also how long a
 * revoked role lives on in tokens already issued (docs/decisions/0020-operator-made-admins.md).
 */
export const tokenSettings = lazily(
  (): TokenSettings => ({
    issuer: requiredEnv('TOKEN_ISSUER'),
    audience: requiredEnv('TOKEN_AUDIENCE'),
    ttlSeconds: numberEnv('TOKEN_TTL_SECONDS', 900, { min: 60, max: 3600 }),
  }),
);

/** The secret with the private signing keys (login, rotation) and the one with their public halves (JWKS, rotation). */
export const keySecrets = {
  signing: lazily(() => requiredEnv('SIGNING_KEY_SECRET_ID')),
  verification: lazily(() => requiredEnv('VERIFICATION_KEYS_SECRET_ID')),
};
