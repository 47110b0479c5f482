import { randomUUID } from 'node:crypto';
import { request } from './http';
import { apiUrl } from './target';

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
  const response = await request<{ userId: string }>(apiUrl(), 'POST', '/auth/register', { body: user });
  if (response.status !== 201) throw new Error(`Registering ${user.email} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return { ...user, userId: response.body.userId };
};

export const login = async (email: string, password: string): Promise<string> => {
  const response = await request<{ accessToken: string }>(apiUrl(), 'POST', '/auth/login', { body: { email, password } });
  if (response.status !== 200) throw new Error(`Logging in ${email} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.accessToken;
};

/** A new user and an access token for them. */
export const signedInUser = async (): Promise<{ user: RegisteredUser; token: string }> => {
  const user = await registerUser();
  return { user, token: await login(user.email, user.password) };
};
