import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent, KinesisStreamEvent, SQSEvent, SQSRecord } from 'aws-lambda';
import { queueConsumer, streamConsumer, tableStreamConsumer } from '../../../functions/shared/batch-consumer';
import { logger } from '../../../functions/shared/powertools';
import * as z from '../../../functions/shared/zod';
import { lambdaContext } from '../../handlers/support/http-event';

const job = z.object({ jobId: z.string(), fail: z.optional(z.boolean()) });

const sqsRecord = (messageId: string, body: string, correlationId?: string): SQSRecord =>
  ({
    messageId,
    body,
    receiptHandle: messageId,
    attributes: { ApproximateReceiveCount: '1' },
    messageAttributes: correlationId ? { correlationId: { dataType: 'String', stringValue: correlationId } } : {},
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:jobs',
    awsRegion: 'us-east-1',
  }) as unknown as SQSRecord;

const kinesisEvent = (...payloads: unknown[]): KinesisStreamEvent => ({
  Records: payloads.map((payload, index) => ({
    kinesis: {
      sequenceNumber: String(index + 1),
      partitionKey: 'key',
      data: Buffer.from(JSON.stringify(payload)).toString('base64'),
      kinesisSchemaVersion: '1.0',
      approximateArrivalTimestamp: 0,
    },
    eventSource: 'aws:kinesis',
    eventSourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/updates',
    eventID: `shard-0:${index + 1}`,
    eventName: 'aws:kinesis:record',
    eventVersion: '1.0',
    invokeIdentityArn: 'arn',
    awsRegion: 'us-east-1',
  })),
});

describe('the queue consumer', () => {
  it('hands each valid message to the logic, and reports only the failed ones back', async () => {
    const handled: string[] = [];
    const handler = queueConsumer(job, async ({ payload }) => {
      if (payload.fail) throw new Error('could not do it');
      handled.push(payload.jobId);
    });
    const event: SQSEvent = {
      Records: [
        sqsRecord('m1', JSON.stringify({ jobId: 'a' })),
        sqsRecord('m2', JSON.stringify({ jobId: 'b', fail: true })),
        sqsRecord('m3', '{not json'),
        sqsRecord('m4', JSON.stringify({ job: 'wrong shape' })),
        sqsRecord('m5', JSON.stringify({ jobId: 'e' })),
      ],
    };
    const response = await handler(event, lambdaContext());
    expect(handled).toEqual(['a', 'e']);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }, { itemIdentifier: 'm3' }, { itemIdentifier: 'm4' }] });
  });

  it('logs under the correlation id the message carries, or its message id', async () => {
    const seen: unknown[] = [];
    const handler = queueConsumer(job, async ({ correlationId }) => {
      seen.push([correlationId, logger.getCorrelationId()]);
    });
    await handler({ Records: [sqsRecord('m1', '{"jobId":"a"}', 'order-123'), sqsRecord('m2', '{"jobId":"b"}')] }, lambdaContext());
    expect(seen).toEqual([
      ['order-123', 'order-123'],
      ['m2', 'm2'],
    ]);
  });
});

describe('the stream consumer', () => {
  it('keeps order: after a failure, later records are not handled now but retried after it', async () => {
    const handled: string[] = [];
    const handler = streamConsumer(job, async ({ payload }) => {
      if (payload.fail) throw new Error('could not do it');
      handled.push(payload.jobId);
    });
    const response = await handler(kinesisEvent({ jobId: 'a' }, { jobId: 'b', fail: true }, { jobId: 'c' }), lambdaContext());
    expect(handled).toEqual(['a']);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }, { itemIdentifier: '3' }] });
  });

  it('reads the correlation id from the record itself', async () => {
    const seen: string[] = [];
    const handler = streamConsumer(z.extend(job, { correlationId: z.optional(z.string()) }), async ({ correlationId }) => void seen.push(correlationId));
    await handler(kinesisEvent({ jobId: 'a', correlationId: 'req-9' }, { jobId: 'b' }), lambdaContext());
    expect(seen).toEqual(['req-9', '2']);
  });
});

describe('the table stream consumer', () => {
  it('hands over each change with the new image unmarshalled, and the correlation id it holds', async () => {
    const seen: unknown[] = [];
    const handler = tableStreamConsumer(async ({ payload, correlationId }) => void seen.push([payload, correlationId]));
    const event: DynamoDBStreamEvent = {
      Records: [
        {
          eventID: '1',
          eventName: 'INSERT',
          dynamodb: { SequenceNumber: '100', NewImage: marshall({ pk: 'A', count: 2, correlationId: 'corr-1' }) as never },
        },
        { eventID: '2', eventName: 'REMOVE', dynamodb: { SequenceNumber: '101' } },
      ],
    };
    await handler(event, lambdaContext());
    expect(seen).toEqual([
      [{ eventName: 'INSERT', newImage: { pk: 'A', count: 2, correlationId: 'corr-1' } }, 'corr-1'],
      [{ eventName: 'REMOVE' }, '101'],
    ]);
  });
});
