import type { KinesisStreamEvent } from 'aws-lambda';

interface Change {
  readonly key: string;
  readonly seq: number;
  /** A record this function cannot process: the whole batch fails while it is in it. */
  readonly poison?: boolean;
}

/** Logs every batch it gets, in order; fails a batch that holds a poison record. */
export const handler = async (event: KinesisStreamEvent): Promise<void> => {
  const changes = event.Records.map((record) => JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString('utf8')) as Change);
  const failed = changes.some((change) => change.poison);
  console.log(JSON.stringify({ conformance: 'kinesis', changes, failed }));
  if (failed) throw new Error('A poison record is in this batch');
};
