import type { Credential, Role, User } from './domain/user';

/** Thrown when a registration names an email that already has an account. */
export class EmailTakenError extends Error {
  constructor() {
    super('Email already registered');
    this.name = 'EmailTakenError';
  }
}

/** Where users and their credentials live. The DynamoDB adapter is one implementation. */
export interface UserStore {
  /** Creates the user and their credential together, or neither; EmailTakenError if the email is in use. */
  create(user: User, passwordHash: string): Promise<void>;
  findCredential(email: string): Promise<Credential | undefined>;
  get(userId: string): Promise<User | undefined>;
  /** Returns the renamed user, or undefined if there is no such user. */
  rename(userId: string, name: string): Promise<User | undefined>;
  /** Replaces the user's roles; returns the roles before and the user after, or undefined if there is no such user. */
  setRoles(userId: string, roles: readonly Role[]): Promise<{ before: readonly Role[]; user: User } | undefined>;
}
