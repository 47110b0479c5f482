/**
 * The Orders table's secondary index, shared by the stack that creates it and the code that reads it:
 * a user's orders by creation time. Only orders carry `userId`, so outbox and idempotency items stay
 * out of it.
 */
export const ordersByUserIndex = { indexName: 'byUser', partitionKey: 'userId', sortKey: 'createdAt' } as const;

/** Outbox items sort under their order with this prefix; the publisher picks them out of the stream by it. */
export const outboxSortKeyPrefix = 'OUTBOX#';
