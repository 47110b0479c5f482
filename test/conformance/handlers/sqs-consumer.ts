import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

interface Work {
  readonly id: string;
  /** Fail this many receives of the message, or all of them. */
  readonly failReceives: number | 'all';
}

/** Reports the messages that should fail on this receive as batch item failures; the rest succeed. */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    const work = JSON.parse(record.body) as Work;
    const receiveCount = Number(record.attributes.ApproximateReceiveCount);
    const fails = work.failReceives === 'all' || receiveCount <= work.failReceives;
    const sinceFirstReceiveMs = Date.now() - Number(record.attributes.ApproximateFirstReceiveTimestamp);
    console.log(JSON.stringify({ conformance: 'sqs', id: work.id, receiveCount, sinceFirstReceiveMs, fails }));
    if (fails) batchItemFailures.push({ itemIdentifier: record.messageId });
  }
  return { batchItemFailures };
};
