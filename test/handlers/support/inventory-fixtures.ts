import { randomUUID } from 'node:crypto';
import type { KinesisStreamEvent } from 'aws-lambda';
import { handler as applyStockUpdates } from '../../../functions/inventory/handlers/apply-stock-updates';
import { handler as saveProduct } from '../../../functions/inventory/handlers/save-product';
import type { StockUpdate } from '../../../functions/shared/contracts/inventory-updates';
import { invoke, lambdaContext } from './http-event';
import { admin } from './saga-services';

export const uniqueSku = (prefix = 'SKU') => `${prefix}-${randomUUID().slice(0, 8)}`;

/** A stock update as a warehouse feed would put it on the stream. */
export const stockUpdateRecord = (sku: string, delta: number, changes: Partial<StockUpdate> = {}): StockUpdate => ({
  updateId: randomUUID(),
  sku,
  delta,
  reason: 'test delivery',
  source: 'warehouse-feed',
  occurredAt: new Date().toISOString(),
  ...changes,
});

/** A Kinesis event of one shard holding these records, in order. */
export const kinesisEventOf = (...records: unknown[]): KinesisStreamEvent => ({
  Records: records.map((record, index) => ({
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: String((record as { sku?: string }).sku ?? 'key'),
      sequenceNumber: String(1000 + index),
      data: Buffer.from(JSON.stringify(record)).toString('base64'),
      approximateArrivalTimestamp: Date.now() / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `shardId-000000000000:${1000 + index}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: 'arn:aws:iam::000000000000:role/test',
    awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/inventory-updates',
  })),
});

export const applyUpdates = async (...records: unknown[]) =>
  (await applyStockUpdates(kinesisEventOf(...records), lambdaContext())) as { batchItemFailures: { itemIdentifier: string }[] };

/** A product with this much stock, made through the admin API and the stream consumer. */
export const stockedProduct = async (available: number, priceCents = 1250, sku = uniqueSku()) => {
  const created = await invoke(saveProduct, {
    method: 'PUT',
    pathParameters: { sku },
    body: { name: `Product ${sku}`, priceCents },
    claims: admin,
  });
  if (created.status !== 201) throw new Error(`Could not create ${sku}: ${JSON.stringify(created.body)}`);
  if (available > 0) await applyUpdates(stockUpdateRecord(sku, available));
  return sku;
};
