/**
 * The Orders table's secondary index, shared by the stack that creates it and the code that reads it:
 * a user's orders by creation time. Only orders carry `userId`, so outbox and idempotency items stay
 * out of it.
 */
export const ordersByUserIndex = { indexName: 'byUser', partitionKey: 'userId', sortKey: 'createdAt' } as const;

/** Outbox items sort under their order with this prefix; the publisher picks them out of the stream by it. */
export const outboxSortKeyPrefix = 'OUTBOX#';

/** Partition key prefixes of the Orders table's items; the stack grants each function the ones it touches. */
export const orderPartitions = { order: 'ORDER#', idempotencyKey: 'IDEMPOTENCY#' } as const;

/** An outgoing message's outbox item: in its order's partition, one of each message type per order. */
export const outboxKey = (message: { readonly orderId: string; readonly type: string }) => ({
  pk: `${orderPartitions.order}${message.orderId}`,
  sk: `${outboxSortKeyPrefix}${message.type}`,
});
