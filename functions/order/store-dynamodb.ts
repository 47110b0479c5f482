import { type DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { decodePageToken, encodePageToken } from '#shared/pagination';
import { cancellationOf, transactWithConflictRetries } from '#shared/transactions';
import * as z from '#shared/zod';
import type { Order, OrderStatus, OutgoingMessage } from './domain/order';
import type { IdempotentRequest, OrderPage, OrderStore, PlaceOutcome } from './store';
import { orderPartitions, ordersByUserIndex, outboxKey } from './table-layout';

/*
 * Item kinds: the order (`ORDER#<orderId>` / `ORDER`), its outgoing messages (same partition,
 * `OUTBOX#<type>`: one of each type per order at most) and idempotency keys
 * (`IDEMPOTENCY#<userId>#<key>`), which point at the order their first request placed.
 */
const orderKey = (orderId: string) => ({ pk: `${orderPartitions.order}${orderId}`, sk: 'ORDER' });
const idempotencyKey = (userId: string, key: string) => ({ pk: `${orderPartitions.idempotencyKey}${userId}#${key}`, sk: 'IDEMPOTENCY' });

/** Keep published messages a week for an operator to look at, and idempotency keys a day (as Stripe does). */
const outboxRetentionSeconds = 7 * 24 * 3600;
const idempotencyKeyRetentionSeconds = 24 * 3600;

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

const toOrder = (item: Record<string, unknown>): Order => {
  const { pk: _pk, sk: _sk, ...order } = item;
  return order as unknown as Order;
};

const outboxPut = (tableName: string, message: OutgoingMessage, correlationId: string, now: Date) => ({
  Put: {
    TableName: tableName,
    Item: { ...outboxKey(message), message, correlationId, expiresAt: epochSeconds(now) + outboxRetentionSeconds },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

export class DynamoDbOrderStore implements OrderStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async place(order: Order, message: OutgoingMessage, request?: IdempotentRequest): Promise<PlaceOutcome> {
    const now = new Date(order.createdAt);
    const command = new TransactWriteCommand({
      TransactItems: [
        // A key whose record outlived its TTL but was not deleted yet counts as new.
        ...(request
          ? [
              {
                Put: {
                  TableName: this.tableName,
                  Item: {
                    ...idempotencyKey(order.userId, request.key),
                    orderId: order.orderId,
                    fingerprint: request.fingerprint,
                    expiresAt: epochSeconds(now) + idempotencyKeyRetentionSeconds,
                  },
                  ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
                  ExpressionAttributeValues: { ':now': epochSeconds(now) },
                },
              },
            ]
          : []),
        { Put: { TableName: this.tableName, Item: { ...orderKey(order.orderId), ...order }, ConditionExpression: 'attribute_not_exists(pk)' } },
        outboxPut(this.tableName, message, order.correlationId, now),
      ],
    });
    try {
      await transactWithConflictRetries(() => this.client.send(command));
      return { kind: 'placed' };
    } catch (error) {
      if (!request || cancellationOf(error)?.codes[0] !== 'ConditionalCheckFailed') throw error;
    }
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: idempotencyKey(order.userId, request.key), ConsistentRead: true }),
    );
    if (!Item) throw new Error('An idempotency key blocked a new order but cannot be read back');
    return { kind: 'seen-before', orderId: String(Item.orderId), fingerprint: String(Item.fingerprint) };
  }

  async get(orderId: string): Promise<Order | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: orderKey(orderId), ConsistentRead: true }));
    return Item && toOrder(Item);
  }

  async listByUser(userId: string, limit: number, nextToken?: string): Promise<OrderPage> {
    // A token is only good for the user it was issued to.
    const pageKey = z.strictObject({
      pk: z.string().check(z.startsWith(orderPartitions.order)),
      sk: z.literal('ORDER'),
      [ordersByUserIndex.partitionKey]: z.literal(userId),
      [ordersByUserIndex.sortKey]: z.string(),
    });
    const { Items = [], LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: ordersByUserIndex.indexName,
        KeyConditionExpression: '#user = :userId',
        ExpressionAttributeNames: { '#user': ordersByUserIndex.partitionKey },
        ExpressionAttributeValues: { ':userId': userId },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodePageToken(nextToken, pageKey),
      }),
    );
    return { orders: Items.map(toOrder), nextToken: encodePageToken(LastEvaluatedKey) };
  }

  async advance(order: Order, from: OrderStatus, message?: OutgoingMessage): Promise<'advanced' | 'changed'> {
    const command = new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...orderKey(order.orderId), ...order },
            ConditionExpression: '#status = :from',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':from': from },
          },
        },
        ...(message ? [outboxPut(this.tableName, message, order.correlationId, new Date(order.updatedAt))] : []),
      ],
    });
    try {
      await transactWithConflictRetries(() => this.client.send(command));
      return 'advanced';
    } catch (error) {
      if (cancellationOf(error)?.codes.includes('ConditionalCheckFailed')) return 'changed';
      throw error;
    }
  }
}
