import { httpRoute, json } from '#shared/http';
import { conflict } from '#shared/problem';
import { requiredName } from '#shared/schemas';
import * as z from '#shared/zod';
import { hashPassword } from '../domain/password';
import { newUser } from '../domain/user';
import { EmailTakenError } from '../store';
import { users } from '../users';

const registration = z.strictObject({
  email: z.email().check(z.maxLength(254)),
  password: z.string().check(z.minLength(12, 'Use at least 12 characters.'), z.maxLength(256)),
  name: requiredName(100),
});

export const handler = httpRoute({ body: registration }, async ({ body }) => {
  const user = newUser(body.email, body.name);
  try {
    await users().create(user, await hashPassword(body.password));
  } catch (error) {
    if (error instanceof EmailTakenError) throw conflict('An account with this email already exists.');
    throw error;
  }
  return json(201, { userId: user.userId, email: user.email, name: user.name }, { location: '/users/me' });
});
