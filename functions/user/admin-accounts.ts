import { hashPassword } from './domain/password';
import { adminRoles, customerRoles, newUser, type Role, type User } from './domain/user';
import { EmailTakenError, type UserStore } from './store';

/*
 * What an operator does with AWS credentials, never through the public API: create the first admin,
 * and make an existing account an admin or a customer again. `npm run admin` (scripts/admin.ts) and
 * `npm start`'s seeded admin both come through here.
 */

export class AccountExistsError extends Error {
  constructor(email: string) {
    super(
      `An account with the email ${email} exists already. It is not made an admin by creating it again: ` +
        'if it is yours, grant the role with `npm run admin -- grant <email>`.',
    );
    this.name = 'AccountExistsError';
  }
}

export class NoSuchAccountError extends Error {
  constructor(email: string) {
    super(`No account has the email ${email}.`);
    this.name = 'NoSuchAccountError';
  }
}

/** Creates a new account with the admin role. An existing account is never taken over. */
export const createAdmin = async (store: UserStore, account: { email: string; name: string; password: string }): Promise<User> => {
  const user = newUser(account.email, account.name, adminRoles);
  try {
    await store.create(user, await hashPassword(account.password));
  } catch (error) {
    if (error instanceof EmailTakenError) throw new AccountExistsError(user.email);
    throw error;
  }
  return user;
};

const setRolesByEmail = async (store: UserStore, email: string, roles: readonly Role[]) => {
  const credential = await store.findCredential(email);
  const changed = credential && (await store.setRoles(credential.userId, roles));
  if (!changed) throw new NoSuchAccountError(email);
  return changed;
};

/** Gives an existing account the admin role. */
export const grantAdmin = (store: UserStore, email: string) => setRolesByEmail(store, email, adminRoles);

/** Takes the admin role from an account; its tokens keep it until they expire (15 minutes at most). */
export const revokeAdmin = (store: UserStore, email: string) => setRolesByEmail(store, email, customerRoles);
