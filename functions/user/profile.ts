import { notFound } from '#shared/problem';
import type { User } from './domain/user';

/** A user as they see themselves at `/users/me` and as admins see them. */
export const profileOf = (user: User | undefined) => {
  if (!user) throw notFound('No user exists for this token.');
  return user;
};
