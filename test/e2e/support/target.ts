/**
 * Where the e2e suite sends its requests: API_URL (set by the suite's global setup when it starts the
 * app locally, or by whoever runs the suite against LocalStack or a deployed stage).
 */
export const apiUrl = (): string => {
  const url = process.env.API_URL;
  if (!url) throw new Error('API_URL is not set: run the suite through Jest (its global setup starts the app) or set API_URL');
  return url.replace(/\/$/, '');
};

/** The account the target gives the admin role (ADMIN_EMAIL / ADMIN_PASSWORD). */
export const adminCredentials = (): { email: string; password: string } => {
  const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = process.env;
  if (!email || !password) throw new Error('ADMIN_EMAIL and ADMIN_PASSWORD name the admin account of the target');
  return { email, password };
};
