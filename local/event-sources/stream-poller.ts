import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { EventSourceMappingSpec } from '../assembly/app-model';
import type { Invoker } from '../gateway/invoker';
import type { Invocation } from '../lambda/function-pool';
import { abortableSleep } from './abortable-sleep';
import type { Shard, ShardSource, StartingPosition } from './shard-source';
import { type FailureCondition, processStreamBatch, type StreamRecord } from './stream-batch';

/** How often the poller looks for new shards (DynamoDB Streams opens new ones as time passes). */
const shardDiscoveryMs = 5000;

export interface StreamPollerContext {
  readonly sqs: SQSClient;
  readonly invoker: Invoker;
  /** The last sequence number done per mapping and shard; kept across reloads so nothing is read twice. */
  readonly checkpoints: Map<string, string>;
  readonly onError: (message: string) => void;
}

/**
 * Lambda's stream poller (Kinesis, DynamoDB Streams): one reader per shard, a child shard only after
 * its parent is read to the end, one batch in flight per shard, in order; the shard moves on only when
 * a batch is done, succeeded or given up on (see `processStreamBatch`).
 */
export class StreamPoller<R extends StreamRecord> {
  private readonly abort = new AbortController();
  private readonly readers = new Map<string, Promise<void>>();
  private readonly finished = new Set<string>();
  private discovery?: Promise<void>;

  constructor(
    private readonly mapping: EventSourceMappingSpec,
    private readonly streamArn: string,
    private readonly source: ShardSource<R>,
    private readonly context: StreamPollerContext,
  ) {}

  async start(): Promise<void> {
    if (!this.mapping.enabled) return;
    await this.discoverShards();
    this.discovery = (async () => {
      while (!this.abort.signal.aborted) {
        await abortableSleep(shardDiscoveryMs, this.abort.signal);
        await this.discoverShards().catch((error: unknown) => this.report(`listing shards: ${String(error)}`));
      }
    })();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all([this.discovery, ...this.readers.values()]);
  }

  private report(message: string) {
    if (!this.abort.signal.aborted) this.context.onError(`${this.mapping.key} (${this.streamArn}): ${message}`);
  }

  private async discoverShards() {
    const shards = await this.source.listShards(this.abort.signal);
    const known = new Set(shards.map((shard) => shard.shardId));
    for (const shard of shards) {
      if (this.readers.has(shard.shardId)) continue;
      const parentPending = shard.parentShardId && known.has(shard.parentShardId) && !this.finished.has(shard.parentShardId);
      if (!parentPending) this.readers.set(shard.shardId, this.readShard(shard));
    }
  }

  private checkpointKey(shardId: string) {
    return `${this.mapping.key}/${shardId}`;
  }

  private startingPosition(shardId: string, fromStart: boolean): StartingPosition {
    const checkpoint = this.context.checkpoints.get(this.checkpointKey(shardId));
    if (checkpoint) return { afterSequenceNumber: checkpoint };
    if (fromStart) return { type: 'TRIM_HORIZON' };
    const timestamp = this.mapping.startingPositionTimestamp;
    return { type: this.mapping.startingPosition, timestamp: timestamp === undefined ? undefined : new Date(timestamp * 1000) };
  }

  private async readShard({ shardId }: Shard) {
    const signal = this.abort.signal;
    let iterator: string | undefined;
    let fromStart = false;
    while (!signal.aborted) {
      try {
        iterator ??= await this.source.iterator(shardId, this.startingPosition(shardId, fromStart), signal);
        if (!iterator) break;
        const { records, next } = await this.gatherBatch(iterator);
        iterator = next;
        if (records.length === 0) {
          if (!next) break; // a closed shard, read to its end
          await abortableSleep(this.source.idlePollMs, signal);
          continue;
        }
        const done = await processStreamBatch(records, this.mapping, {
          signal,
          invoke: (batch) =>
            this.context.invoker.invoke(this.mapping.functionArn, { Records: batch.map((record) => this.source.eventRecord(shardId, record)) }),
          discard: (batch, condition, invocation, invokeCount) => this.discard(shardId, batch, condition, invocation, invokeCount),
        });
        if (!done) return;
        this.context.checkpoints.set(this.checkpointKey(shardId), records.at(-1)!.sequenceNumber);
        if (!next) break;
      } catch (error) {
        if (signal.aborted) return;
        if (this.source.isStaleEmptyShardIterator(error) && !fromStart) {
          fromStart = true;
          iterator = undefined;
          continue;
        }
        if (this.source.isExpiredIterator(error)) iterator = undefined;
        else if (!this.source.isThrottled(error)) {
          this.report(`shard ${shardId}: ${String(error)}`);
          iterator = undefined;
        }
        await abortableSleep(1000, signal);
      }
    }
    this.finished.add(shardId);
  }

  /** Reads up to a batch, waiting for more while the batching window is open. */
  private async gatherBatch(iterator: string): Promise<{ records: R[]; next?: string }> {
    const { batchSize, maximumBatchingWindowSeconds } = this.mapping;
    const windowEnds = Date.now() + maximumBatchingWindowSeconds * 1000;
    const records: R[] = [];
    let next: string | undefined = iterator;
    while (next && records.length < batchSize) {
      const read: { records: R[]; next?: string } = await this.source.read(next, batchSize - records.length, this.abort.signal);
      next = read.next;
      records.push(...read.records);
      if (records.length === 0 || Date.now() >= windowEnds) break;
      if (read.records.length === 0) await abortableSleep(this.source.idlePollMs, this.abort.signal);
    }
    return { records, next };
  }

  /** What Lambda sends an SQS on-failure destination for a stream batch it gave up on: where the records are. */
  private async discard(shardId: string, records: R[], condition: FailureCondition, invocation: Invocation | undefined, invokeCount: number) {
    const destination = this.mapping.onFailure;
    if (!destination) return;
    const arrivals = records.map((record) => new Date(record.arrival).toISOString());
    const message = {
      requestContext: { requestId: invocation?.requestId ?? '-', functionArn: this.mapping.functionArn, condition, approximateInvokeCount: invokeCount },
      responseContext: {
        statusCode: 200,
        executedVersion: '$LATEST',
        ...(invocation && !invocation.outcome.ok && { functionError: 'Unhandled' }),
      },
      version: '1.0',
      timestamp: new Date().toISOString(),
      [this.source.batchInfoName]: {
        shardId,
        startSequenceNumber: records[0]!.sequenceNumber,
        endSequenceNumber: records.at(-1)!.sequenceNumber,
        approximateArrivalOfFirstRecord: arrivals[0],
        approximateArrivalOfLastRecord: arrivals.at(-1),
        batchSize: records.length,
        streamArn: this.streamArn,
      },
    };
    await this.context.sqs.send(new SendMessageCommand({ QueueUrl: destination.url, MessageBody: JSON.stringify(message) }));
  }
}
