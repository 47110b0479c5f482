import { httpRoute, json } from '#shared/http';
import { unauthorized } from '#shared/problem';
import * as z from '#shared/zod';
import { unknownUserHash, verifyPassword } from '../domain/password';
import { issueAccessToken } from '../domain/tokens';
import { rolesFor } from '../domain/user';
import { userSettings } from '../settings';
import { currentSigningKey } from '../signing-key-source';
import { users } from '../users';

const login = z.strictObject({
  email: z.string().check(z.minLength(1), z.maxLength(254)),
  password: z.string().check(z.minLength(1), z.maxLength(256)),
});

export const handler = httpRoute({ body: login }, async ({ body }) => {
  const credential = await users().findCredential(body.email);
  // Check a password even for an unknown email, so both failures take the same time and look the same.
  const passwordMatches = await verifyPassword(body.password, credential?.passwordHash ?? (await unknownUserHash()));
  if (!credential || !passwordMatches) throw unauthorized('The email or password is incorrect.');

  const { adminEmails, token } = userSettings();
  const accessToken = await issueAccessToken(
    credential.userId,
    rolesFor(credential.email, adminEmails),
    await currentSigningKey(),
    token,
  );
  return json(200, accessToken, { 'cache-control': 'no-store' });
});
