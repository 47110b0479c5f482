import { httpRoute, json } from '#shared/http';
import { unauthorized } from '#shared/problem';
import * as z from '#shared/zod';
import { verifyPassword } from '../domain/password';
import { issueAccessToken } from '../domain/tokens';
import { unknownUserHash } from '../domain/unknown-user-hash';
import { customerRoles } from '../domain/user';
import { admitLoginAttempt } from '../login-guard';
import { tokenSettings } from '../settings';
import { currentSigningKey } from '../signing-key-source';
import { users } from '../users';

const login = z.strictObject({
  email: z.string().check(z.minLength(1), z.maxLength(254)),
  password: z.string().check(z.minLength(1), z.maxLength(256)),
});

export const handler = httpRoute({ body: login }, async ({ body }) => {
  const attempt = await admitLoginAttempt(body.email);
  const credential = await users().findCredential(body.email);
  // Check a password even for an unknown email, so both failures take the same time and look the same.
  const passwordMatches = await verifyPassword(body.password, credential?.passwordHash ?? unknownUserHash);
  if (!credential || !passwordMatches) throw unauthorized('The email or password is incorrect.');
  await attempt.succeeded();

  const user = await users().get(credential.userId);
  const accessToken = await issueAccessToken(credential.userId, user?.roles ?? customerRoles, await currentSigningKey(), tokenSettings());
  return json(200, accessToken, { 'cache-control': 'no-store' });
});
