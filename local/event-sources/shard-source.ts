import type { StreamRecord } from './stream-batch';

export interface Shard {
  readonly shardId: string;
  readonly parentShardId?: string;
}

export type StartingPosition =
  | { readonly afterSequenceNumber: string }
  | { readonly type: 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP'; readonly timestamp?: Date };

/** A stream Lambda polls shard by shard (Kinesis, DynamoDB Streams), in the words its poller needs. */
export interface ShardSource<R extends StreamRecord> {
  /** `KinesisBatchInfo` or `DDBStreamBatchInfo`: where an on-failure message says the records are. */
  readonly batchInfoName: string;
  /** How long the poller waits after a read that found nothing: Lambda's base polling rate for this kind of stream. */
  readonly idlePollMs: number;
  listShards(signal: AbortSignal): Promise<Shard[]>;
  iterator(shardId: string, position: StartingPosition, signal: AbortSignal): Promise<string | undefined>;
  read(iterator: string, limit: number, signal: AbortSignal): Promise<{ records: R[]; next?: string }>;
  /** The event record Lambda hands the function. */
  eventRecord(shardId: string, record: R): unknown;
  /** An iterator too old to use: the poller asks for a new one from its checkpoint. */
  isExpiredIterator(error: unknown): boolean;
  /**
   * An iterator of a shard that was empty when it was taken, gone stale as records arrived (an
   * emulator's quirk): everything in the shard came after it, so the poller reads it from the start.
   */
  isStaleEmptyShardIterator(error: unknown): boolean;
  isThrottled(error: unknown): boolean;
}
