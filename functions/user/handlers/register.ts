import { z } from 'zod';
import { httpRoute, json } from '#shared/http';
import { conflict } from '#shared/problem';
import { hashPassword } from '../domain/password';
import { newUser } from '../domain/user';
import { EmailTakenError } from '../store';
import { users } from '../users';

const registration = z
  .object({
    email: z.email().max(254),
    password: z.string().min(12, 'Use at least 12 characters.').max(256),
    name: z.string().trim().min(1, 'A name is required.').max(100),
  })
  .strict();

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
