import { randomUUID } from 'node:crypto';
import { eventually } from '../support/eventually';
import { type ApiResponse, request, type RequestOptions } from '../support/http';
import { adminCredentials, apiUrl } from '../support/target';
import { login, signedInUser } from '../support/users';

export const call = <T = any>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> => // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  request<T>(apiUrl(), method, path, options);

export interface Shopper {
  readonly token: string;
  readonly userId: string;
}

/** A new customer, signed in. */
export const newShopper = async (): Promise<Shopper> => {
  const { user, token } = await signedInUser();
  return { token, userId: user.userId };
};

/** The target's admin (seeded locally by the global setup). */
export const adminToken = () => {
  const { email, password } = adminCredentials();
  return login(email, password);
};

export const uniqueSku = (prefix = 'E2E') => `${prefix}-${randomUUID().slice(0, 8)}`;

export const stockOf = async (token: string, sku: string) => {
  const { status, body } = await call('GET', `/products/${sku}`, { token });
  if (status !== 200) throw new Error(`GET /products/${sku} answered ${status}`);
  return { available: body.available as number, reserved: body.reserved as number };
};

/** A product with `available` units, through the admin API and the inventory-updates stream. */
export const stockedProduct = async (admin: string, available: number, priceCents = 1000) => {
  const sku = uniqueSku();
  const created = await call('PUT', `/products/${sku}`, { token: admin, body: { name: `Product ${sku}`, priceCents } });
  if (created.status !== 201) throw new Error(`PUT /products/${sku} answered ${created.status}`);
  if (available > 0) {
    const update = await call('POST', `/products/${sku}/stock-updates`, { token: admin, body: { delta: available, reason: 'e2e stock' } });
    if (update.status !== 202) throw new Error(`Stock update answered ${update.status}`);
    await eventually(async () => expect(await stockOf(admin, sku)).toEqual({ available, reserved: 0 }), { timeoutMs: 20_000 });
  }
  return sku;
};

export const placeOrder = async (shopper: Shopper, lines: { sku: string; quantity: number }[], paymentToken = 'tok_visa', headers: Record<string, string> = {}) => {
  const response = await call('POST', '/orders', { token: shopper.token, body: { lines, paymentToken }, headers });
  if (response.status !== 202) throw new Error(`POST /orders answered ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.orderId as string;
};

const finalStatuses = ['CONFIRMED', 'REJECTED', 'PAYMENT_FAILED'];

/** The order once the saga has settled it, within the deadline. */
export const settledOrder = (shopper: Shopper, orderId: string, timeoutMs = 30_000) =>
  eventually(
    async () => {
      const { status, body } = await call('GET', `/orders/${orderId}`, { token: shopper.token });
      expect(status).toBe(200);
      expect(finalStatuses).toContain(body.status);
      return body;
    },
    { timeoutMs, intervalMs: 250 },
  );
