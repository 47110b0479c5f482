/**
 * The Orders table's secondary index, shared by the stack that creates it and the code that reads it:
 * a user's orders by creation time. Only orders carry `userId`, so outbox and idempotency items stay
 * out of it.
 */
export const ordersByUserIndex = { indexName: 'byUser', partitionKey: 'userId', sortKey: 'createdAt' } as const;

/**
 * Orders under way, by deadline: the sweeper's index. It is sparse: an order carries its deadline (and
 * its shard) only until it ends, so the index holds just the orders under way, and the sweeper queries
 * it instead of scanning the table. Orders spread over `shards` partitions by id, so no index partition
 * takes every order's writes (one partition takes at most 1,000 writes a second); it projects keys only,
 * so an order's other changes do not write to it.
 */
export const ordersByDeadlineIndex = {
  indexName: 'byDeadline',
  partitionKey: 'deadlineShard',
  sortKey: 'deadline',
  projection: 'KEYS_ONLY',
  shards: 16,
} as const;

/** The index partition an order's deadline is filed under: the same for an order every time. */
export const deadlineShardOf = (orderId: string): string => {
  let hash = 0;
  for (let index = 0; index < orderId.length; index++) hash = (hash * 31 + orderId.charCodeAt(index)) >>> 0;
  return String(hash % ordersByDeadlineIndex.shards);
};

/** Outbox items sort under their order with this prefix; the publisher picks them out of the stream by it. */
export const outboxSortKeyPrefix = 'OUTBOX#';

/**
 * Outbox items stay a week after they are written (TTL `expiresAt`), for an operator to look at and to
 * republish (`npm run redrive -- outbox-failures` finds them by it when the stream no longer has them).
 */
export const outboxRetentionSeconds = 7 * 24 * 3600;

/** A copy of an outbox item written to publish its message again: an outbox item of its own, under its original. */
export const republishedOutboxSortKey = (sortKey: string, at: Date) => `${sortKey}#REPUBLISHED#${at.toISOString()}`;

/** Partition key prefixes of the Orders table's items; the stack grants each function the ones it touches. */
export const orderPartitions = { order: 'ORDER#', idempotencyKey: 'IDEMPOTENCY#' } as const;

/** An outgoing message's outbox item: in its order's partition, one of each message type per order. */
export const outboxKey = (message: { readonly orderId: string; readonly type: string }) => ({
  pk: `${orderPartitions.order}${message.orderId}`,
  sk: `${outboxSortKeyPrefix}${message.type}`,
});
