import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { Context, DynamoDBRecord, KinesisStreamRecord, SQSRecord } from 'aws-lambda';
import { sharedMetrics } from './contracts/metrics';
import { observability, traceRecord } from './observability';
import { logger, metrics } from './powertools';
import { correlationIdAttribute } from './queue-messages';
import * as z from './zod';

type Schema = z.ZodMiniType;

/** One record of a batch, read and validated: what a consumer's logic handles. */
export interface Delivery<T> {
  readonly payload: T;
  /** The id that follows one order (or one stock update) through every service's logs. */
  readonly correlationId: string;
  readonly context: Context;
}

export type DeliveryHandler<T> = (delivery: Delivery<T>) => Promise<void>;

/** A record that can never be handled: retrying will not help, so it ends in the DLQ or failure destination. */
class UnreadableRecordError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'UnreadableRecordError';
  }
}

interface Source<R> {
  readonly eventType: (typeof EventType)[keyof typeof EventType];
  readonly id: (record: R) => string;
  /** The record's payload (before validation) and the correlation id it carries, if any. */
  readonly read: (record: R) => { payload: unknown; correlationId?: string };
  /**
   * Streams keep order per shard: after one record fails, the later ones are not handled now but
   * reported as failed too, so they are retried after it, never before it.
   */
  readonly ordered: boolean;
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    throw new UnreadableRecordError('The record is not valid JSON.');
  }
};

const validate = <S extends Schema>(schema: S, payload: unknown): z.infer<S> => {
  const result = schema.safeParse(payload);
  if (!result.success) throw new UnreadableRecordError(`The record does not match its schema: ${z.prettifyError(result.error)}`);
  return result.data;
};

const stringOrUndefined = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Wraps one consumer's logic with the shared batch handling: Powertools batch processing with partial
 * batch responses (only failed records come back), records handled one at a time so every log line
 * carries that record's correlation id (and each has its own trace subsegment), validation against
 * the consumer's schema, and every failure logged and counted before it goes back for a retry.
 */
const batchConsumer = <R extends SQSRecord | KinesisStreamRecord | DynamoDBRecord, S extends Schema>(source: Source<R>, schema: S, handle: DeliveryHandler<z.infer<S>>) => {
  const processor = new BatchProcessor(source.eventType);
  return middy(async (event: { Records: R[] }, context: Context) => {
    let failedBefore = false;
    const handleRecord = async (record: R) => {
      const recordId = source.id(record);
      if (failedBefore && source.ordered) throw new Error(`Record ${recordId} waits for an earlier record's retry`);
      try {
        const { payload, correlationId = recordId } = source.read(record);
        logger.setCorrelationId(correlationId);
        await traceRecord(correlationId, () => handle({ payload: validate(schema, payload), correlationId, context }));
      } catch (error) {
        failedBefore = true;
        logger.error('Record failed; it goes back for a retry', { recordId, error: error as Error });
        metrics.addMetric(sharedMetrics.recordsFailed, MetricUnit.Count, 1);
        throw error;
      }
    };
    return processPartialResponse(event, handleRecord, processor, { context, processInParallel: false });
  }).use(observability());
};

const sqs: Source<SQSRecord> = {
  eventType: EventType.SQS,
  id: (record) => record.messageId,
  read: (record) => ({
    payload: parseJson(record.body),
    correlationId: stringOrUndefined(record.messageAttributes?.[correlationIdAttribute]?.stringValue),
  }),
  ordered: false,
};

/** Kinesis records carry no attributes: the correlation id is a field of the JSON record itself. */
const kinesis: Source<KinesisStreamRecord> = {
  eventType: EventType.KinesisDataStreams,
  id: (record) => record.kinesis.sequenceNumber,
  read: (record) => {
    const payload = parseJson(Buffer.from(record.kinesis.data, 'base64').toString('utf8'));
    return { payload, correlationId: stringOrUndefined((payload as { correlationId?: unknown } | null)?.correlationId) };
  },
  ordered: true,
};

/** A change to one item of a DynamoDB table, as its stream reports it. */
export interface TableChange {
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** The item after the change (streams with a NEW_IMAGE or NEW_AND_OLD_IMAGES view). */
  readonly newImage?: Record<string, unknown>;
}

const dynamoDbStream: Source<DynamoDBRecord> = {
  eventType: EventType.DynamoDBStreams,
  id: (record) => record.dynamodb?.SequenceNumber ?? record.eventID ?? 'unknown',
  read: (record) => {
    const image = record.dynamodb?.NewImage;
    const newImage = image && unmarshall(image as Record<string, AttributeValue>);
    return { payload: { eventName: record.eventName, newImage }, correlationId: stringOrUndefined(newImage?.correlationId) };
  },
  ordered: true,
};

/** A Lambda handler for an SQS event source mapping with `ReportBatchItemFailures`; bodies are JSON. */
export const queueConsumer = <S extends Schema>(schema: S, handle: DeliveryHandler<z.infer<S>>) =>
  batchConsumer(sqs, schema, handle);

/** A Lambda handler for a Kinesis event source mapping with `ReportBatchItemFailures`; records are JSON. */
export const streamConsumer = <S extends Schema>(schema: S, handle: DeliveryHandler<z.infer<S>>) =>
  batchConsumer(kinesis, schema, handle);

const tableChange = z.object({
  eventName: z.enum(['INSERT', 'MODIFY', 'REMOVE']),
  newImage: z.optional(z.record(z.string(), z.unknown())),
});

/** A Lambda handler for a DynamoDB Streams event source mapping with `ReportBatchItemFailures`. */
export const tableStreamConsumer = (handle: DeliveryHandler<TableChange>) => batchConsumer(dynamoDbStream, tableChange, handle);
