import { randomUUID } from 'node:crypto';
import { type ApiResponse, request, type RequestOptions } from '../../test/e2e/support/http';

export interface Account {
  readonly userId: string;
  readonly email: string;
  readonly password: string;
  readonly token: string;
}

export const benchAdmin = { email: 'bench-admin@example.com', password: 'bench-admin-password' } as const;

export const terminalStatuses = ['CONFIRMED', 'REJECTED', 'PAYMENT_FAILED'];

/** The shop's API as a customer or an admin uses it, for the benchmarks; any unexpected answer throws. */
export class ShopClient {
  constructor(readonly baseUrl: string) {}

  async call<T = Record<string, unknown>>(method: string, path: string, expected: number[], options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const response = await request<T>(this.baseUrl, method, path, options);
    if (!expected.includes(response.status)) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response;
  }

  async signIn(email: string, password: string): Promise<string> {
    const { body } = await this.call<{ accessToken: string }>('POST', '/auth/login', [200], { body: { email, password } });
    return body.accessToken;
  }

  /** Registers (or, for an existing email such as the admin's, only signs in) and signs in. */
  async account(email = `bench-${randomUUID()}@example.com`, password = 'correct horse battery'): Promise<Account> {
    const registered = await this.call<{ userId?: string }>('POST', '/auth/register', [201, 409], { body: { email, password, name: 'Bench' } });
    const token = await this.signIn(email, password);
    const userId = registered.body.userId ?? (await this.call<{ userId: string }>('GET', '/users/me', [200], { token })).body.userId;
    return { userId, email, password, token };
  }

  async createProduct(adminToken: string, sku: string, priceCents = 1000): Promise<void> {
    await this.call('PUT', `/products/${sku}`, [200, 201], { token: adminToken, body: { name: `Product ${sku}`, priceCents } });
  }

  /** Sends a stock update to the stream; returns its id. */
  async addStock(adminToken: string, sku: string, delta: number): Promise<string> {
    const { body } = await this.call<{ updateId: string }>('POST', `/products/${sku}/stock-updates`, [202], {
      token: adminToken,
      body: { delta, reason: 'benchmark stock' },
    });
    return body.updateId;
  }

  async placeOrder(token: string, lines: { sku: string; quantity: number }[]): Promise<string> {
    const { body } = await this.call<{ orderId: string }>('POST', '/orders', [202], { token, body: { lines, paymentToken: 'tok_visa' } });
    return body.orderId;
  }

  /** The order's state, and when it last changed (the Order service's own clock). */
  async orderState(token: string, orderId: string): Promise<{ status: string; updatedAt: string }> {
    const { body } = await this.call<{ status: string; updatedAt: string }>('GET', `/orders/${orderId}`, [200], { token });
    return body;
  }
}
