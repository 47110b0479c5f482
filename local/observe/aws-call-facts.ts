import { correlationField, dynamoDbStringValue, jsonObject, sqsAttributeValue } from './correlation';
import type { ObservedCall } from './runtime-observer';

/** A message an SQS call put on a queue. */
export interface SentMessage {
  readonly queueName: string;
  readonly messageId: string;
  readonly correlationId?: string;
}

/** A record a Kinesis call put on a stream. */
export interface PutRecord {
  readonly streamName: string;
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly correlationId?: string;
}

/** An item a DynamoDB call wrote (put, updated or deleted), by its key. */
export interface WrittenItem {
  readonly tableName: string;
  /** The key's attributes as DynamoDB writes them (`{ pk: { S: '...' } }`). */
  readonly key: Record<string, unknown>;
  readonly correlationId?: string;
}

export interface CallFacts {
  readonly messages: SentMessage[];
  readonly records: PutRecord[];
  readonly items: WrittenItem[];
}

type Input = Record<string, unknown>;

const lastSegment = (text: unknown) => String(text ?? '').split(/[/:]/).pop() ?? '';

const answers = new WeakMap<ObservedCall, Input>();

/** The call's answer, parsed once per recorded call however often the trail is refreshed. */
const answerOf = (call: ObservedCall): Input => {
  let answer = answers.get(call);
  if (!answer) answers.set(call, (answer = (jsonObject(call.answer.toString('utf8')) as Input | undefined) ?? {}));
  return answer;
};

const sqsMessages = (call: ObservedCall): SentMessage[] => {
  const queueName = lastSegment(call.input.QueueUrl);
  const answer = answerOf(call);
  if (call.operation === 'SendMessage') {
    return typeof answer.MessageId === 'string'
      ? [{ queueName, messageId: answer.MessageId, correlationId: correlationField(call.input.MessageAttributes, sqsAttributeValue) }]
      : [];
  }
  const entries = new Map(((call.input.Entries as Input[] | undefined) ?? []).map((entry) => [entry.Id, entry]));
  return ((answer.Successful as Input[] | undefined) ?? []).map((done) => ({
    queueName,
    messageId: String(done.MessageId),
    correlationId: correlationField(entries.get(done.Id)?.MessageAttributes, sqsAttributeValue),
  }));
};

const recordCorrelation = (data: unknown) => correlationField(jsonObject(Buffer.from(String(data ?? ''), 'base64').toString('utf8')));

const kinesisRecords = (call: ObservedCall): PutRecord[] => {
  const streamName = lastSegment(call.input.StreamName ?? call.input.StreamARN);
  const answer = answerOf(call);
  if (call.operation === 'PutRecord') {
    return typeof answer.SequenceNumber === 'string'
      ? [{ streamName, shardId: String(answer.ShardId), sequenceNumber: answer.SequenceNumber, correlationId: recordCorrelation(call.input.Data) }]
      : [];
  }
  const sent = (call.input.Records as Input[] | undefined) ?? [];
  return ((answer.Records as Input[] | undefined) ?? []).flatMap((result, index) =>
    typeof result.SequenceNumber === 'string'
      ? [{ streamName, shardId: String(result.ShardId), sequenceNumber: result.SequenceNumber, correlationId: recordCorrelation(sent[index]?.Data) }]
      : [],
  );
};

const pick = (item: Input, names: readonly string[]) => Object.fromEntries(names.filter((name) => name in item).map((name) => [name, item[name]]));

/** The writes of a DynamoDB call: single-item ones, batches and transactions. */
const dynamoDbItems = (call: ObservedCall, keyNames: (table: string) => readonly string[]): WrittenItem[] => {
  const written = (tableName: unknown, item: unknown, key: unknown): WrittenItem[] => {
    const table = lastSegment(tableName);
    const source = (key ?? item) as Input | undefined;
    if (!table || !source) return [];
    return [{ tableName: table, key: pick(source, keyNames(table)), correlationId: correlationField(item, dynamoDbStringValue) }];
  };
  const { input } = call;
  switch (call.operation) {
    case 'PutItem':
    case 'UpdateItem':
    case 'DeleteItem':
      return written(input.TableName, input.Item, input.Key);
    case 'TransactWriteItems':
      return ((input.TransactItems as Input[] | undefined) ?? []).flatMap((entry) => {
        const action = (entry.Put ?? entry.Update ?? entry.Delete) as Input | undefined;
        return action ? written(action.TableName, action.Item, action.Key) : [];
      });
    case 'BatchWriteItem':
      return Object.entries((input.RequestItems as Record<string, Input[]> | undefined) ?? {}).flatMap(([table, requests]) =>
        requests.flatMap((request) => {
          const put = request.PutRequest as Input | undefined;
          const remove = request.DeleteRequest as Input | undefined;
          return written(table, put?.Item, remove?.Key);
        }),
      );
    default:
      return [];
  }
};

/** What a successful call put somewhere: messages, stream records, items; nothing for reads and failures. */
export const callFacts = (call: ObservedCall, keyNames: (table: string) => readonly string[]): CallFacts => {
  const none: CallFacts = { messages: [], records: [], items: [] };
  if (call.status !== 200) return none;
  if (call.service === 'sqs' && (call.operation === 'SendMessage' || call.operation === 'SendMessageBatch')) return { ...none, messages: sqsMessages(call) };
  if (call.service === 'kinesis' && (call.operation === 'PutRecord' || call.operation === 'PutRecords')) return { ...none, records: kinesisRecords(call) };
  if (call.service === 'dynamodb') return { ...none, items: dynamoDbItems(call, keyNames) };
  return none;
};
