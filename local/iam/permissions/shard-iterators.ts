/** Enough to follow the readers of a few hundred shards at once; the oldest iterators are forgotten first. */
const maxIterators = 10_000;

/**
 * Which stream each shard iterator the front door handed out reads: Kinesis's and DynamoDB Streams'
 * `GetRecords` name nothing but an opaque iterator, while IAM authorizes them on the stream. An
 * iterator comes from `GetShardIterator` (on the stream it names) or from `GetRecords`
 * (`NextShardIterator`, on the stream of the iterator it was given).
 */
export class ShardIterators {
  private readonly streams = new Map<string, string>();

  remember(iterator: string, streamArn: string): void {
    if (this.streams.size >= maxIterators) this.streams.delete(this.streams.keys().next().value!);
    this.streams.set(iterator, streamArn);
  }

  streamOf(iterator: string): string | undefined {
    return this.streams.get(iterator);
  }
}
