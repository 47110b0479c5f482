import { requiredEnv } from '#shared/config';
import { lazily } from '#shared/lazy';

/** The Inventory service's deployment settings, read once per execution environment. */
export const inventorySettings = lazily(() => ({
  tableName: requiredEnv('TABLE_NAME'),
  stockUpdatesStreamName: requiredEnv('STOCK_UPDATES_STREAM_NAME'),
}));
