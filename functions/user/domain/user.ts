import { randomUUID } from 'node:crypto';

export interface User {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly createdAt: string;
}

/** What a user's login is checked against. */
export interface Credential {
  readonly userId: string;
  readonly email: string;
  readonly passwordHash: string;
}

export type Role = 'admin' | 'customer';

/** Emails are unique without regard to case: `Ann@Example.com` and `ann@example.com` are one account. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** Every user is a customer; those on the deployment's admin list are admins too. */
export const rolesFor = (email: string, adminEmails: readonly string[]): Role[] =>
  adminEmails.some((admin) => normalizeEmail(admin) === normalizeEmail(email)) ? ['customer', 'admin'] : ['customer'];

export const newUser = (email: string, name: string, now: Date = new Date()): User => ({
  userId: randomUUID(),
  email: normalizeEmail(email),
  name: name.trim(),
  createdAt: now.toISOString(),
});
