/** The admin account a local run starts with: the app gives the `admin` role to the emails in its `adminEmails` context. */
export interface AdminAccount {
  readonly email: string;
  readonly password: string;
}

export const defaultAdmin: AdminAccount = { email: 'admin@example.com', password: 'local-admin-password' };

export const registerRoute = 'POST /auth/register';

/** Registers the admin through the app's own API, as a person would; an existing account is fine. */
export const seedAdmin = async (apiUrl: string, admin: AdminAccount): Promise<'created' | 'existed'> => {
  const response = await fetch(`${apiUrl}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: admin.email, password: admin.password, name: 'Admin' }),
  });
  if (response.status === 201) return 'created';
  if (response.status === 409) return 'existed';
  throw new Error(`Could not register the admin account ${admin.email}: HTTP ${response.status} ${await response.text()}`);
};
