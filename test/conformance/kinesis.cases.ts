import { type KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { kinesisClient } from '../../local/emulators/kinesis';
import { localCredentials } from '../../local/lambda/environment-variables';
import { eventually } from '../e2e/support/eventually';
import { type Context, named } from './conformance-context';

interface Change {
  readonly key: string;
  readonly seq: number;
  readonly poison?: boolean;
}

interface Batch {
  readonly changes: Change[];
  readonly failed: boolean;
}

/** The Kinesis event source mapping: order per partition key, bisection on error, retries, the on-failure queue. */
export const kinesisCases = (context: Context) =>
  describe('Kinesis event source mapping', () => {
    let kinesis: KinesisClient;
    let sqs: SQSClient;
    const stream = (id: string) => named(context().runtime.model.streams, id);
    const batches = (run: string) =>
      context()
        .log.observations<Batch>('kinesis')
        .filter((batch) => batch.changes.some((change) => change.key.startsWith(run)));
    const put = (streamName: string, changes: Change[]) =>
      kinesis.send(
        new PutRecordsCommand({
          StreamName: streamName,
          Records: changes.map((change) => ({ PartitionKey: change.key, Data: Buffer.from(JSON.stringify(change)) })),
        }),
      );

    beforeAll(() => {
      const { endpoints, region } = context().runtime;
      kinesis = kinesisClient(endpoints.kinesis, region);
      sqs = new SQSClient({ endpoint: endpoints.sqs, region, credentials: localCredentials });
    });
    afterAll(() => {
      kinesis.destroy();
      sqs.destroy();
    });

    it('delivers the records of each partition key in order', async () => {
      const run = `order-${Date.now()}`;
      const keys = ['a', 'b', 'c', 'd'].map((key) => `${run}-${key}`);
      for (const round of [0, 1, 2]) {
        await put(stream('Changes').name, Array.from({ length: 20 }, (_, index) => ({ key: keys[index % 4]!, seq: round * 5 + Math.floor(index / 4) })));
      }
      const processed = await eventually(() => {
        const changes = batches(run).filter((batch) => !batch.failed).flatMap((batch) => batch.changes);
        expect(changes).toHaveLength(60);
        return changes;
      });
      for (const key of keys) {
        expect(processed.filter((change) => change.key === key).map((change) => change.seq)).toEqual(Array.from({ length: 15 }, (_, seq) => seq));
      }
    });

    it('bisects a failing batch, retries the bad record, then sends it to the on-failure queue and moves on', async () => {
      const run = `poison-${Date.now()}`;
      const { Records = [] } = await put(stream('PoisonChanges').name, [
        { key: run, seq: 1 },
        { key: run, seq: 2 },
        { key: run, seq: 3, poison: true },
        { key: run, seq: 4 },
      ]);
      const succeeded = await eventually(() => {
        const done = batches(run).filter((batch) => !batch.failed).flatMap((batch) => batch.changes.map((change) => change.seq));
        expect(done).toEqual([1, 2, 4]);
        return done;
      });
      expect(succeeded).toEqual([1, 2, 4]);
      // A batch held the bad record with others; bisection isolated it, and it then got its one retry.
      const failed = batches(run).filter((batch) => batch.failed).map((batch) => batch.changes.map((change) => change.seq));
      expect(failed[0]!.length).toBeGreaterThan(1);
      expect(failed.filter((seqs) => seqs.length === 1 && seqs[0] === 3)).toHaveLength(2);

      const onFailure = named(context().runtime.model.queues, 'ChangeFailures');
      const message = await eventually(async () => {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: onFailure.url, WaitTimeSeconds: 1 }));
        const found = Messages.map((candidate) => JSON.parse(candidate.Body!)).find(
          (body) => body.KinesisBatchInfo?.startSequenceNumber === Records[2]!.SequenceNumber,
        );
        expect(found).toBeDefined();
        return found;
      });
      expect(message).toMatchObject({
        requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 2 },
        responseContext: { functionError: 'Unhandled' },
        KinesisBatchInfo: {
          shardId: expect.any(String),
          startSequenceNumber: Records[2]!.SequenceNumber,
          endSequenceNumber: Records[2]!.SequenceNumber,
          batchSize: 1,
          streamArn: stream('PoisonChanges').arn,
        },
      });
    });
  });
