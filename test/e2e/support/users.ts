import { randomUUID } from 'node:crypto';
import { api, expectStatus } from './api-client';

export interface RegisteredUser {
  readonly userId: string;
  readonly email: string;
  readonly password: string;
  readonly name: string;
}

/** An email no other test run uses. */
export const uniqueEmail = (prefix = 'user') => `${prefix}-${randomUUID()}@example.com`;

export const registerUser = async (overrides: Partial<Omit<RegisteredUser, 'userId'>> = {}): Promise<RegisteredUser> => {
  const user = { email: uniqueEmail(), password: 'correct horse battery', name: 'Test User', ...overrides };
  const { userId } = await expectStatus(201, api().POST('/auth/register', { body: user }));
  return { ...user, userId };
};

export const login = async (email: string, password: string): Promise<string> =>
  (await expectStatus(200, api().POST('/auth/login', { body: { email, password } }))).accessToken;

/** A new user and an access token for them. */
export const signedInUser = async (): Promise<{ user: RegisteredUser; token: string }> => {
  const user = await registerUser();
  return { user, token: await login(user.email, user.password) };
};
