import { randomUUID } from 'node:crypto';
import { PutRecordCommand } from '@aws-sdk/client-kinesis';
import { kinesisClient } from '#shared/clients';
import type { StockUpdate } from '#shared/contracts/inventory-updates';
import { logger } from '#shared/powertools';
import { rejectionOf } from './domain/stock-update';
import { inventory } from './inventory';
import { countStockUpdate } from './inventory-metrics';
import { inventorySettings } from './settings';

/** Puts a stock update on the stream; the stream consumer applies it, in order per SKU. */
export const requestStockUpdate = async (
  request: Pick<StockUpdate, 'sku' | 'delta' | 'reason'>,
  correlationId: string,
): Promise<StockUpdate> => {
  const update: StockUpdate = {
    updateId: randomUUID(),
    ...request,
    source: 'inventory-api',
    occurredAt: new Date().toISOString(),
    correlationId,
  };
  const { SequenceNumber } = await kinesisClient().send(
    new PutRecordCommand({
      StreamName: inventorySettings().stockUpdatesStreamName,
      PartitionKey: update.sku,
      Data: Buffer.from(JSON.stringify(update), 'utf8'),
    }),
  );
  logger.info('Stock update requested', { updateId: update.updateId, sku: update.sku, delta: update.delta, sequenceNumber: SequenceNumber });
  return update;
};

const attemptsPerRecord = 5;

/**
 * Applies one update from the stream, exactly once. A removal larger than the stock available is
 * refused and recorded as rejected, never applied: stock does not go below zero.
 */
export const applyStockUpdate = async (update: StockUpdate): Promise<void> => {
  const store = inventory();
  for (let attempt = 1; attempt <= attemptsPerRecord; attempt++) {
    const now = new Date();
    const result = await store.applyStockUpdate(update, now);
    if (result.kind === 'applied') {
      logger.info('Stock update applied', { updateId: update.updateId, sku: update.sku, delta: update.delta });
      countStockUpdate('applied');
      return;
    }
    if (result.kind === 'duplicate') {
      logger.info('Stock update seen before; nothing to do', { updateId: update.updateId });
      return;
    }
    const rejection = rejectionOf(update.delta, result.product);
    if (rejection) {
      await store.recordStockUpdateRejection(update, rejection, now);
      logger.warn('Stock update rejected', { updateId: update.updateId, sku: update.sku, delta: update.delta, rejection });
      countStockUpdate('rejected');
      return;
    }
  }
  throw new Error(`Stock of ${update.sku} kept changing while applying update ${update.updateId}`);
};
