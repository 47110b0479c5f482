import { randomUUID } from 'node:crypto';
import { api, expectStatus } from '../support/api-client';
import { eventually } from '../support/eventually';
import { adminCredentials } from '../support/target';
import { login, signedInUser } from '../support/users';

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
  const { available, reserved } = await expectStatus(200, api(token).GET('/products/{sku}', { params: { path: { sku } } }));
  return { available, reserved };
};

/** A product with `available` units, through the admin API and the inventory-updates stream. */
export const stockedProduct = async (admin: string, available: number, priceCents = 1000) => {
  const sku = uniqueSku();
  await expectStatus(201, api(admin).PUT('/products/{sku}', { params: { path: { sku } }, body: { name: `Product ${sku}`, priceCents } }));
  if (available > 0) {
    await expectStatus(202, api(admin).POST('/products/{sku}/stock-updates', { params: { path: { sku } }, body: { delta: available, reason: 'e2e stock' } }));
    await eventually(async () => expect(await stockOf(admin, sku)).toEqual({ available, reserved: 0 }), { timeoutMs: 20_000 });
  }
  return sku;
};

export const placeOrder = async (shopper: Shopper, lines: { sku: string; quantity: number }[], paymentToken = 'tok_visa') =>
  (await expectStatus(202, api(shopper.token).POST('/orders', { body: { lines, paymentToken } }))).orderId;

const finalStatuses = ['CONFIRMED', 'REJECTED', 'PAYMENT_FAILED'];

/** The order once the saga has settled it, within the deadline. */
export const settledOrder = (shopper: Shopper, orderId: string, timeoutMs = 30_000) =>
  eventually(
    async () => {
      const order = await expectStatus(200, api(shopper.token).GET('/orders/{orderId}', { params: { path: { orderId } } }));
      expect(finalStatuses).toContain(order.status);
      return order;
    },
    { timeoutMs, intervalMs: 250 },
  );
