import { type DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { decodePageToken, encodePageToken } from '#shared/pagination';
import { cancellationOf, transactWithConflictRetries } from '#shared/transactions';
import * as z from '#shared/zod';
import type { Order, OrderStatus, OutgoingMessage } from './domain/order';
import type { ExpiredOrder, IdempotentRequest, OrderPage, OrderStore, PlaceOutcome } from './store';
import { deadlineShardOf, orderPartitions, ordersByDeadlineIndex, ordersByUserIndex, outboxKey, outboxRetentionSeconds } from './table-layout';

/*
 * Item kinds: the order (`ORDER#<orderId>` / `ORDER`), its outgoing messages (same partition,
 * `OUTBOX#<type>`: one of each type per order at most) and idempotency keys
 * (`IDEMPOTENCY#<userId>#<key>`), which point at the order their first request placed. An order under
 * way carries its deadline's index partition (`deadlineShard`) beside its `deadline`.
 */
const orderKey = (orderId: string) => ({ pk: `${orderPartitions.order}${orderId}`, sk: 'ORDER' });
const idempotencyKey = (userId: string, key: string) => ({ pk: `${orderPartitions.idempotencyKey}${userId}#${key}`, sk: 'IDEMPOTENCY' });

/** Keep idempotency keys a day (as Stripe does). */
const idempotencyKeyRetentionSeconds = 24 * 3600;

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

const toOrder = (item: Record<string, unknown>): Order => {
  const { pk: _pk, sk: _sk, [ordersByDeadlineIndex.partitionKey]: _shard, ...order } = item;
  return order as unknown as Order;
};

/** The order as stored: filed under its deadline while it has one. */
const orderItem = (order: Order) => ({
  ...orderKey(order.orderId),
  ...order,
  ...(order.deadline && { [ordersByDeadlineIndex.partitionKey]: deadlineShardOf(order.orderId) }),
});

const orderIdOf = (pk: unknown) => String(pk).slice(orderPartitions.order.length);

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
        { Put: { TableName: this.tableName, Item: orderItem(order), ConditionExpression: 'attribute_not_exists(pk)' } },
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

  async advance(order: Order, from: OrderStatus, messages: readonly OutgoingMessage[]): Promise<'advanced' | 'changed'> {
    const command = new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: this.tableName,
            Item: orderItem(order),
            ConditionExpression: '#status = :from',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':from': from },
          },
        },
        ...messages.map((message) => outboxPut(this.tableName, message, order.correlationId, new Date(order.updatedAt))),
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

  /** Each index partition is read oldest deadline first; together, the `limit` oldest of them all. */
  async findExpired(now: Date, limit: number): Promise<ExpiredOrder[]> {
    const { indexName, partitionKey, sortKey, shards } = ordersByDeadlineIndex;
    const perShard = await Promise.all(
      Array.from({ length: shards }, async (_, shard) => {
        const { Items = [] } = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: indexName,
            KeyConditionExpression: '#shard = :shard AND #deadline <= :now',
            ExpressionAttributeNames: { '#shard': partitionKey, '#deadline': sortKey },
            ExpressionAttributeValues: { ':shard': String(shard), ':now': now.toISOString() },
            Limit: limit,
          }),
        );
        return Items.map((item) => ({ orderId: orderIdOf(item.pk), deadline: String(item[sortKey]) }));
      }),
    );
    return perShard
      .flat()
      .sort((a, b) => a.deadline.localeCompare(b.deadline))
      .slice(0, limit);
  }
}
