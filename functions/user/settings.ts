import { requiredEnv } from '#shared/config';
import { lazily } from '#shared/lazy';
import type { TokenSettings } from './domain/tokens';

/** The User service's deployment settings, read once per execution environment. */
export const userSettings = lazily(() => ({
  tableName: requiredEnv('TABLE_NAME'),
  signingKeySecretId: requiredEnv('SIGNING_KEY_SECRET_ID'),
  adminEmails: (process.env.ADMIN_EMAILS ?? '').split(',').map((email) => email.trim()).filter(Boolean),
  token: {
    issuer: requiredEnv('TOKEN_ISSUER'),
    audience: requiredEnv('TOKEN_AUDIENCE'),
    ttlSeconds: Number(process.env.TOKEN_TTL_SECONDS ?? 3600),
  } satisfies TokenSettings,
}));
