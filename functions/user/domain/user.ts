import { randomUUID } from 'node:crypto';

/** Every user is a customer; an operator or an admin may make a user an admin too. */
export const roles = ['customer', 'admin'] as const;
export type Role = (typeof roles)[number];

export interface User {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly createdAt: string;
}

/** What a user's login is checked against. */
export interface Credential {
  readonly userId: string;
  readonly email: string;
  readonly passwordHash: string;
}

export const customerRoles: readonly Role[] = ['customer'];
export const adminRoles: readonly Role[] = ['customer', 'admin'];

/** Emails are unique without regard to case: `Ann@Example.com` and `ann@example.com` are one account. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** A new account: a customer unless an operator creates it as an admin. No role ever follows from an email. */
export const newUser = (email: string, name: string, userRoles: readonly Role[] = customerRoles, now: Date = new Date()): User => ({
  userId: randomUUID(),
  email: normalizeEmail(email),
  name: name.trim(),
  roles: userRoles,
  createdAt: now.toISOString(),
});
