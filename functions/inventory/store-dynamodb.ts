import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { backoffDelayMs, sleep } from '#shared/backoff';
import type { StockUpdate } from '#shared/contracts/inventory-updates';
import type { ReservationRejection } from '#shared/contracts/stock';
import { decodePageToken, encodePageToken } from '#shared/pagination';
import { cancellationOf, transactWithConflictRetries } from '#shared/transactions';
import * as z from '#shared/zod';
import type { Product, ProductDetails } from './domain/product';
import type { Reservation, ReservedLine, Settlement, StockLevel } from './domain/reservation';
import { availableNeededFor, type RecordedStockUpdate, type StockUpdateRejection } from './domain/stock-update';
import type { InventoryStore, ProductPage, ReserveOutcome, StockUpdateAttempt } from './store';
import { catalogIndex, inventoryPartitions } from './table-layout';

/*
 * One table, three item kinds, each under its own key: products (`PRODUCT#<sku>`, with their stock),
 * reservations (`RESERVATION#<orderId>`) and processed stock updates (`STOCK-UPDATE#<updateId>`).
 * Recording a reservation or an update in the same transaction as the stock change it makes is what
 * makes redelivered messages harmless.
 */
const productKey = (sku: string) => ({ pk: `${inventoryPartitions.product}${sku}`, sk: 'PRODUCT' });
const reservationKey = (orderId: string) => ({ pk: `${inventoryPartitions.reservation}${orderId}`, sk: 'RESERVATION' });
const stockUpdateKey = (updateId: string) => ({ pk: `${inventoryPartitions.stockUpdate}${updateId}`, sk: 'STOCK-UPDATE' });

const catalogPageKey = z.strictObject({
  pk: z.string().check(z.startsWith(inventoryPartitions.product)),
  sk: z.literal('PRODUCT'),
  [catalogIndex.partitionKey]: z.literal(catalogIndex.partition),
  [catalogIndex.sortKey]: z.string(),
});

const toProduct = (item: Record<string, unknown>): Product => ({
  sku: String(item.sku),
  name: String(item.name),
  priceCents: Number(item.priceCents),
  available: Number(item.available),
  reserved: Number(item.reserved),
});

const toReservation = (item: Record<string, unknown>): Reservation => {
  const orderId = String(item.orderId);
  if (item.status === 'WITHDRAWN') return { orderId, status: 'WITHDRAWN' };
  if (item.status === 'REJECTED') {
    return { orderId, status: 'REJECTED', reason: item.reason as ReservationRejection, skus: item.skus as string[] };
  }
  return { orderId, status: item.status as 'RESERVED' | 'RELEASED' | 'COMMITTED', lines: item.lines as ReservedLine[] };
};

const notExists = 'attribute_not_exists(pk)';
const unprocessedKeysBackoff = { baseDelayMs: 25, maxDelayMs: 500 };

export class DynamoDbInventoryStore implements InventoryStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async listProducts(limit: number, nextToken?: string): Promise<ProductPage> {
    const { Items = [], LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: catalogIndex.indexName,
        KeyConditionExpression: '#catalog = :catalog',
        ExpressionAttributeNames: { '#catalog': catalogIndex.partitionKey },
        ExpressionAttributeValues: { ':catalog': catalogIndex.partition },
        Limit: limit,
        ExclusiveStartKey: decodePageToken(nextToken, catalogPageKey),
      }),
    );
    return { products: Items.map(toProduct), nextToken: encodePageToken(LastEvaluatedKey) };
  }

  async getProduct(sku: string): Promise<Product | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: productKey(sku) }));
    return Item && toProduct(Item);
  }

  async getStockLevels(skus: readonly string[]): Promise<Map<string, StockLevel>> {
    const levels = new Map<string, StockLevel>();
    let keys: Record<string, unknown>[] = skus.map(productKey);
    for (let round = 1; keys.length > 0; round++) {
      if (round > 1) await sleep(backoffDelayMs(unprocessedKeysBackoff, round - 1));
      const { Responses, UnprocessedKeys } = await this.client.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
      );
      for (const item of Responses?.[this.tableName] ?? []) levels.set(String(item.sku), toProduct(item));
      keys = UnprocessedKeys?.[this.tableName]?.Keys ?? [];
    }
    return levels;
  }

  async saveProductDetails(sku: string, details: ProductDetails, now: Date) {
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: productKey(sku),
        UpdateExpression: [
          'SET #name = :name, priceCents = :priceCents, sku = :sku, #catalog = :catalog, updatedAt = :now',
          'available = if_not_exists(available, :zero), reserved = if_not_exists(reserved, :zero)',
          'createdAt = if_not_exists(createdAt, :now)',
        ].join(', '),
        ExpressionAttributeNames: { '#name': 'name', '#catalog': catalogIndex.partitionKey },
        ExpressionAttributeValues: {
          ':name': details.name,
          ':priceCents': details.priceCents,
          ':sku': sku,
          ':catalog': catalogIndex.partition,
          ':now': now.toISOString(),
          ':zero': 0,
        },
        ReturnValues: 'ALL_OLD',
      }),
    );
    const product: Product = {
      sku,
      ...details,
      available: Number(Attributes?.available ?? 0),
      reserved: Number(Attributes?.reserved ?? 0),
    };
    return { created: Attributes === undefined, product };
  }

  async getReservation(orderId: string): Promise<Reservation | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: reservationKey(orderId), ConsistentRead: true }),
    );
    return Item && toReservation(Item);
  }

  async reserve(orderId: string, lines: readonly ReservedLine[], now: Date): Promise<ReserveOutcome> {
    const at = now.toISOString();
    const command = new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...reservationKey(orderId), orderId, status: 'RESERVED', lines, createdAt: at, updatedAt: at },
            ConditionExpression: notExists,
          },
        },
        ...lines.map((line) => ({
          Update: {
            TableName: this.tableName,
            Key: productKey(line.sku),
            UpdateExpression: 'SET available = available - :quantity, reserved = reserved + :quantity, updatedAt = :now',
            ConditionExpression: 'attribute_exists(pk) AND available >= :quantity AND priceCents = :priceCents',
            ExpressionAttributeValues: { ':quantity': line.quantity, ':priceCents': line.priceCents, ':now': at },
          },
        })),
      ],
    });
    try {
      await transactWithConflictRetries(() => this.client.send(command));
      return 'reserved';
    } catch (error) {
      const cancellation = cancellationOf(error);
      if (!cancellation?.codes.includes('ConditionalCheckFailed')) throw error;
      return cancellation.codes[0] === 'ConditionalCheckFailed' ? 'already-decided' : 'stock-changed';
    }
  }

  async recordRejection(orderId: string, reason: ReservationRejection, skus: readonly string[], now: Date) {
    return (await this.recordDecision(orderId, { status: 'REJECTED', reason, skus }, now)) ? 'recorded' : 'already-decided';
  }

  async withdraw(orderId: string, now: Date) {
    return (await this.recordDecision(orderId, { status: 'WITHDRAWN' }, now)) ? 'withdrawn' : 'already-decided';
  }

  /** Records how an order's reservation was decided, without touching stock, unless it was decided already. */
  private async recordDecision(orderId: string, decision: Record<string, unknown>, now: Date): Promise<boolean> {
    const at = now.toISOString();
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...reservationKey(orderId), orderId, ...decision, createdAt: at, updatedAt: at },
          ConditionExpression: notExists,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async settle(orderId: string, lines: readonly ReservedLine[], to: Settlement, now: Date): Promise<'settled' | 'changed'> {
    const at = now.toISOString();
    // Releasing gives the units back to available; committing lets them go for good.
    const stockChange =
      to === 'RELEASED'
        ? 'SET available = available + :quantity, reserved = reserved - :quantity, updatedAt = :now'
        : 'SET reserved = reserved - :quantity, updatedAt = :now';
    const command = new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: this.tableName,
            Key: reservationKey(orderId),
            UpdateExpression: 'SET #status = :to, updatedAt = :now',
            ConditionExpression: '#status = :held',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':to': to, ':held': 'RESERVED', ':now': at },
          },
        },
        ...lines.map((line) => ({
          Update: {
            TableName: this.tableName,
            Key: productKey(line.sku),
            UpdateExpression: stockChange,
            ConditionExpression: 'reserved >= :quantity',
            ExpressionAttributeValues: { ':quantity': line.quantity, ':now': at },
          },
        })),
      ],
    });
    try {
      await transactWithConflictRetries(() => this.client.send(command));
      return 'settled';
    } catch (error) {
      // A product holding less than its reservations is a broken invariant: let it fail loudly.
      if (cancellationOf(error)?.codes[0] === 'ConditionalCheckFailed') return 'changed';
      throw error;
    }
  }

  async applyStockUpdate(update: StockUpdate, now: Date): Promise<StockUpdateAttempt> {
    const at = now.toISOString();
    const command = new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...stockUpdateKey(update.updateId), ...update, status: 'APPLIED', processedAt: at },
            ConditionExpression: notExists,
          },
        },
        {
          Update: {
            TableName: this.tableName,
            Key: productKey(update.sku),
            UpdateExpression: 'SET available = available + :delta, updatedAt = :now',
            ConditionExpression: 'attribute_exists(pk) AND available >= :needed',
            ExpressionAttributeValues: { ':delta': update.delta, ':needed': availableNeededFor(update.delta), ':now': at },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ],
    });
    try {
      await transactWithConflictRetries(() => this.client.send(command));
      return { kind: 'applied' };
    } catch (error) {
      const cancellation = cancellationOf(error);
      if (cancellation?.codes[0] === 'ConditionalCheckFailed') return { kind: 'duplicate' };
      if (cancellation?.codes[1] !== 'ConditionalCheckFailed') throw error;
      const item = cancellation.items[1];
      return { kind: 'refused', product: item && toProduct(item) };
    }
  }

  async recordStockUpdateRejection(update: StockUpdate, reason: StockUpdateRejection, now: Date) {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...stockUpdateKey(update.updateId), ...update, status: 'REJECTED', rejection: reason, processedAt: now.toISOString() },
          ConditionExpression: notExists,
        }),
      );
      return 'recorded';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'duplicate';
      throw error;
    }
  }

  async getStockUpdate(updateId: string): Promise<RecordedStockUpdate | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: stockUpdateKey(updateId) }));
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, ...recorded } = Item;
    return recorded as RecordedStockUpdate;
  }
}
