import { type Caller, isAdmin } from '#shared/caller';
import { notFound } from '#shared/problem';
import { profileOf } from './profile';
import { users } from './users';

/**
 * A user's profile as /users/me shows it, for a caller who may see it: themselves, or an admin. For
 * anyone else the user is not found, exactly like one that does not exist.
 */
export const userVisibleTo = async (caller: Caller, userId: string) => {
  const user = caller.userId === userId || isAdmin(caller) ? await users().get(userId) : undefined;
  if (!user) throw notFound(`There is no user ${userId}.`);
  return profileOf(user);
};
