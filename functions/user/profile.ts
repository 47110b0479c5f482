import { notFound } from '#shared/problem';
import { rolesFor, type User } from './domain/user';
import { userSettings } from './settings';

/** A user as they see themselves at `/users/me`. */
export const profileOf = (user: User | undefined) => {
  if (!user) throw notFound('No user exists for this token.');
  return { ...user, roles: rolesFor(user.email, userSettings().adminEmails) };
};
