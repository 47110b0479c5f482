import { randomUUID } from 'node:crypto';
import { handler as applyStockUpdates } from '../../../functions/inventory/handlers/apply-stock-updates';
import { handler as getProduct } from '../../../functions/inventory/handlers/get-product';
import { handler as getStockUpdate } from '../../../functions/inventory/handlers/get-stock-update';
import { handler as requestStockUpdate } from '../../../functions/inventory/handlers/request-stock-update';
import { stockUpdate } from '../../../functions/shared/contracts/inventory-updates';
import * as z from '../../../functions/shared/zod';
import { invoke, lambdaContext } from '../support/http-event';
import { applyUpdates, stockedProduct, stockUpdateRecord, uniqueSku } from '../support/inventory-fixtures';
import { admin, customer, prepareSagaServices, type SagaServices } from '../support/saga-services';
import { KinesisReader } from '../support/streams';

let services: SagaServices;
beforeAll(async () => {
  services = await prepareSagaServices();
});

const available = async (sku: string) => (await invoke(getProduct, { pathParameters: { sku }, claims: customer('ann') })).body.available;
const requestUpdate = (sku: string, body: unknown, claims = admin, headers: Record<string, string> = {}) =>
  invoke(requestStockUpdate, { method: 'POST', pathParameters: { sku }, body, claims, headers });

describe('POST /products/{sku}/stock-updates', () => {
  it('puts the documented record on the stream, keyed by SKU, and the consumer applies it', async () => {
    const reader = new KinesisReader(services.stockUpdatesStream);
    await reader.nextEvents(); // skip what other tests put there
    const sku = await stockedProduct(0);

    const response = await requestUpdate(sku, { delta: 12, reason: 'delivery 4711' }, admin, { 'x-correlation-id': 'restock-1' });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ updateId: expect.any(String) });
    expect(response.headers.location).toBe(`/products/${sku}/stock-updates/${response.body.updateId}`);

    const events = await reader.nextEvents();
    const records = events.flatMap((event) => event.Records);
    expect(records).toHaveLength(1);
    expect(records[0]!.kinesis.partitionKey).toBe(sku);
    const record = JSON.parse(Buffer.from(records[0]!.kinesis.data, 'base64').toString('utf8'));
    expect(z.strictObject(stockUpdate.shape).parse(record)).toEqual({
      updateId: response.body.updateId,
      sku,
      delta: 12,
      reason: 'delivery 4711',
      source: 'inventory-api',
      occurredAt: expect.any(String),
      correlationId: 'restock-1',
    });

    const before = await invoke(getStockUpdate, { pathParameters: { sku, updateId: record.updateId }, claims: admin });
    expect(before.status).toBe(404);
    for (const event of events) await applyStockUpdates(event, lambdaContext());
    expect(await available(sku)).toBe(12);
    const after = await invoke(getStockUpdate, { pathParameters: { sku, updateId: record.updateId }, claims: admin });
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ updateId: record.updateId, sku, delta: 12, status: 'APPLIED' });
  });

  it('answers 404 for a product that does not exist, and puts nothing on the stream', async () => {
    const reader = new KinesisReader(services.stockUpdatesStream);
    await reader.nextEvents();
    expect((await requestUpdate(uniqueSku(), { delta: 5, reason: 'x' })).status).toBe(404);
    expect(await reader.nextEvents()).toEqual([]);
  });

  it('is for admins only', async () => {
    expect((await requestUpdate(await stockedProduct(0), { delta: 5, reason: 'x' }, customer('ann'))).status).toBe(403);
  });

  it.each([
    ['a zero delta', { delta: 0, reason: 'x' }],
    ['a fractional delta', { delta: 0.5, reason: 'x' }],
    ['no reason', { delta: 3 }],
    ['an unknown field', { delta: 3, reason: 'x', updateId: randomUUID() }],
  ])('rejects %s with 400', async (_case, body) => {
    expect((await requestUpdate(uniqueSku(), body)).status).toBe(400);
  });
});

describe('the inventory-updates consumer', () => {
  it('applies a record once, however often it is delivered', async () => {
    const sku = await stockedProduct(10);
    const record = stockUpdateRecord(sku, 5);
    await applyUpdates(record);
    await applyUpdates(record, record);
    expect(await available(sku)).toBe(15);
  });

  it('refuses a removal larger than the stock, records why, and never goes below zero', async () => {
    const sku = await stockedProduct(3);
    const removal = stockUpdateRecord(sku, -4);
    expect(await applyUpdates(removal)).toEqual({ batchItemFailures: [] });
    expect(await available(sku)).toBe(3);
    const recorded = await invoke(getStockUpdate, { pathParameters: { sku, updateId: removal.updateId }, claims: admin });
    expect(recorded.body).toMatchObject({ status: 'REJECTED', rejection: 'insufficient-stock', delta: -4 });
  });

  it('records an update of an unknown SKU as rejected', async () => {
    const sku = uniqueSku();
    const update = stockUpdateRecord(sku, 5);
    await applyUpdates(update);
    const recorded = await invoke(getStockUpdate, { pathParameters: { sku, updateId: update.updateId }, claims: admin });
    expect(recorded.body).toMatchObject({ status: 'REJECTED', rejection: 'unknown-sku' });
  });

  it('applies the records of one SKU in stream order', async () => {
    const sku = await stockedProduct(0);
    // In this order: +5 fits, -5 empties it, -1 would go negative and is refused. Any other order differs.
    await applyUpdates(stockUpdateRecord(sku, 5), stockUpdateRecord(sku, -5), stockUpdateRecord(sku, -1), stockUpdateRecord(sku, 2));
    expect(await available(sku)).toBe(2);
  });

  it('reports an unreadable record and everything after it, so they are retried in order and end at the failure destination', async () => {
    const sku = await stockedProduct(0);
    const response = await applyUpdates(stockUpdateRecord(sku, 1), { not: 'an update' }, stockUpdateRecord(sku, 1));
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(['1001', '1002']);
    expect(await available(sku)).toBe(1);
  });
});
