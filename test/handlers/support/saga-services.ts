import { randomBytes, randomUUID } from 'node:crypto';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { inventorySettings } from '../../../functions/inventory/settings';
import { catalogIndex } from '../../../functions/inventory/table-layout';
import { messagingSettings, orderSettings } from '../../../functions/order/settings';
import { ordersByDeadlineIndex, ordersByUserIndex } from '../../../functions/order/table-layout';
import { chargingSettings, paymentSettings } from '../../../functions/payment/settings';
import { createQueue } from './queues';
import { createStream } from './streams';
import { createServiceTable } from './tables';

export interface SagaServices {
  readonly tables: { readonly orders: string; readonly inventory: string; readonly payments: string };
  readonly stockUpdatesStream: string;
  readonly queues: { readonly stockRequests: string; readonly stockResults: string; readonly paymentRequests: string; readonly paymentResults: string };
}

/**
 * Fresh tables, queues and the stock-updates stream for the Order, Inventory and Payment services, laid
 * out as their stacks lay them out. The three services run in one process here, and each reads
 * TABLE_NAME: each one's settings are read (and kept, as in a Lambda environment) while the
 * environment holds its values.
 */
export const prepareSagaServices = async (paymentEnvironment: Record<string, string> = {}): Promise<SagaServices> => {
  const [orders, inventory, payments, stockUpdatesStream, stockRequests, stockResults, paymentRequests, paymentResults, pageTokenKey] = await Promise.all([
    createServiceTable('orders', { indexes: [ordersByUserIndex, ordersByDeadlineIndex], stream: true }),
    createServiceTable('inventory', { indexes: [catalogIndex] }),
    createServiceTable('payments'),
    createStream('inventory-updates'),
    createQueue('stock-requests'),
    createQueue('stock-results'),
    createQueue('payment-requests'),
    createQueue('payment-results'),
    createPageTokenKey(),
  ]);
  Object.assign(process.env, {
    PAGE_TOKEN_SECRET_ID: pageTokenKey,
    TABLE_NAME: orders,
    STOCK_REQUESTS_QUEUE_URL: stockRequests,
    STOCK_RESULTS_QUEUE_URL: stockResults,
    PAYMENT_REQUESTS_QUEUE_URL: paymentRequests,
    PAYMENT_RESULTS_QUEUE_URL: paymentResults,
  });
  orderSettings();
  messagingSettings();
  Object.assign(process.env, { TABLE_NAME: inventory, STOCK_UPDATES_STREAM_NAME: stockUpdatesStream });
  inventorySettings();
  Object.assign(process.env, { TABLE_NAME: payments, PAYMENT_SIMULATOR_LATENCY_MS: '0', ...paymentEnvironment });
  paymentSettings();
  chargingSettings();
  return {
    tables: { orders, inventory, payments },
    stockUpdatesStream,
    queues: { stockRequests, stockResults, paymentRequests, paymentResults },
  };
};

/** The secret the listings sign their page tokens with, as the stacks' PageTokenKey makes it. */
const createPageTokenKey = async () => {
  const client = new SecretsManagerClient({});
  try {
    const { ARN } = await client.send(new CreateSecretCommand({ Name: `page-token-key-${randomUUID()}`, SecretString: randomBytes(32).toString('hex') }));
    return ARN!;
  } finally {
    client.destroy();
  }
};

export const customer = (userId: string) => ({ sub: userId, roles: '[customer]' });
export const admin = { sub: 'admin-user', roles: '[customer admin]' };
