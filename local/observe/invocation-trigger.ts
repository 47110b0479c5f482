import { correlationField, dynamoDbStringValue, jsonObject, sqsAttributeValue } from './correlation';

/** One message or record of an event: its id in its source (message id, sequence number) and its correlation id. */
export interface TriggerItem {
  readonly id: string;
  readonly correlationId?: string;
}

/** What started an invocation, in the ids the trail follows. */
export type InvocationTrigger =
  | { readonly kind: 'http'; readonly requestId: string }
  | { readonly kind: 'sqs' | 'kinesis' | 'dynamodb'; readonly sourceArn: string; readonly items: readonly TriggerItem[] }
  | { readonly kind: 'other' };

/** Records whose data is larger than this are not decoded to look for a correlation id. */
const maxDecodedBytes = 64 * 1024;

interface EventRecord {
  eventSource?: string;
  eventSourceARN?: string;
  messageId?: string;
  messageAttributes?: unknown;
  kinesis?: { sequenceNumber?: string; data?: string };
  eventID?: string;
  dynamodb?: { SequenceNumber?: string; NewImage?: unknown; OldImage?: unknown };
}

const kinesisItem = (record: EventRecord): TriggerItem => {
  const data = record.kinesis?.data ?? '';
  const decoded = data.length <= (maxDecodedBytes * 4) / 3 ? jsonObject(Buffer.from(data, 'base64').toString('utf8')) : undefined;
  return { id: record.kinesis?.sequenceNumber ?? '', correlationId: correlationField(decoded) };
};

const recordItem: Record<string, (record: EventRecord) => TriggerItem> = {
  'aws:sqs': (record) => ({ id: record.messageId ?? '', correlationId: correlationField(record.messageAttributes, sqsAttributeValue) }),
  'aws:kinesis': kinesisItem,
  'aws:dynamodb': (record) => ({
    id: record.dynamodb?.SequenceNumber ?? record.eventID ?? '',
    correlationId: correlationField(record.dynamodb?.NewImage ?? record.dynamodb?.OldImage, dynamoDbStringValue),
  }),
};

/** Reads the ids out of an event as Lambda's event sources and API Gateway build it; anything else is `other`. */
export const invocationTrigger = (event: unknown): InvocationTrigger => {
  const shaped = event as { requestContext?: { requestId?: unknown }; Records?: EventRecord[] } | null;
  if (typeof shaped?.requestContext?.requestId === 'string') return { kind: 'http', requestId: shaped.requestContext.requestId };
  const records = Array.isArray(shaped?.Records) ? shaped.Records : [];
  const source = records[0]?.eventSource;
  const item = source ? recordItem[source] : undefined;
  if (!item) return { kind: 'other' };
  const kind = source === 'aws:sqs' ? 'sqs' : source === 'aws:kinesis' ? 'kinesis' : 'dynamodb';
  return { kind, sourceArn: records[0]?.eventSourceARN ?? '', items: records.map(item) };
};
