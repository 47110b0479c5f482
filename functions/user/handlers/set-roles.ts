import { adminCallerOf } from '#shared/caller';
import { httpRoute, json } from '#shared/http';
import { logger } from '#shared/powertools';
import { conflict, notFound } from '#shared/problem';
import * as z from '#shared/zod';
import { roles } from '../domain/user';
import { users } from '../users';

const userPath = z.strictObject({ userId: z.uuid() });

const roleGrant = z.strictObject({
  roles: z
    .array(z.enum(roles))
    .check(
      z.maxLength(roles.length),
      z.refine((list) => new Set(list).size === list.length, 'List each role once.'),
      z.refine((list) => list.includes('customer'), 'Every user is a customer: keep "customer" in the list.'),
    ),
});

/**
 * Sets a user's roles (admins only): `{"roles": ["customer", "admin"]}` makes an admin, `["customer"]`
 * takes it back. Tokens issued before keep their roles until they expire. Every change is an audit event.
 */
export const handler = httpRoute({ path: userPath, body: roleGrant }, async ({ path, body, event }) => {
  const caller = adminCallerOf(event);
  if (path.userId === caller.userId && !body.roles.includes('admin')) {
    throw conflict('An admin cannot take their own admin role away; ask another admin, or an operator.');
  }
  const changed = await users().setRoles(path.userId, body.roles);
  if (!changed) throw notFound('No user has this id.');
  logger.info('Roles changed', {
    audit: { action: 'user.roles.set', actorUserId: caller.userId, userId: path.userId, before: changed.before, after: body.roles },
  });
  return json(200, changed.user);
});
