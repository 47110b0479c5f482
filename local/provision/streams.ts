import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  IncreaseStreamRetentionPeriodCommand,
  type KinesisClient,
  ResourceInUseException,
} from '@aws-sdk/client-kinesis';
import type { StreamSpec } from '../assembly/app-model';
import { waitUntil } from '../emulators/free-port';

/** Creates the stream unless it exists, waits until it is active, and sets its retention. */
export const createStream = async (client: KinesisClient, stream: StreamSpec): Promise<void> => {
  try {
    await client.send(new CreateStreamCommand({ StreamName: stream.name, ShardCount: stream.shardCount }));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await waitUntil(`Stream ${stream.name}`, async () => {
    const { StreamDescriptionSummary } = await client.send(new DescribeStreamSummaryCommand({ StreamName: stream.name }));
    if (StreamDescriptionSummary?.StreamStatus !== 'ACTIVE') throw new Error(`status ${StreamDescriptionSummary?.StreamStatus}`);
  });
  if (stream.retentionHours && stream.retentionHours > 24) {
    await client.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: stream.name, RetentionPeriodHours: stream.retentionHours }));
  }
};
