import { randomUUID } from 'node:crypto';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { lambdaContext } from './http-event';

const client = () => new SQSClient({ useQueueUrlAsEndpoint: false });

export const createQueue = async (prefix: string): Promise<string> => {
  const sqs = client();
  try {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `${prefix}-${randomUUID()}` }));
    return QueueUrl!;
  } finally {
    sqs.destroy();
  }
};

/** Receives what is on the queue now (waiting up to `waitSeconds` for the first message), and deletes it. */
export const takeMessages = async (queueUrl: string, waitSeconds = 1): Promise<Message[]> => {
  const sqs = client();
  const taken: Message[] = [];
  try {
    for (;;) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: taken.length === 0 ? waitSeconds : 0,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['All'],
        }),
      );
      if (Messages.length === 0) return taken;
      taken.push(...Messages);
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })),
        }),
      );
    }
  } finally {
    sqs.destroy();
  }
};

/** The bodies of the messages on the queue now, parsed, with their correlation ids. */
export const takeBodies = async (queueUrl: string, waitSeconds?: number) =>
  (await takeMessages(queueUrl, waitSeconds)).map((message) => ({
    body: JSON.parse(message.Body!),
    correlationId: message.MessageAttributes?.correlationId?.StringValue,
  }));

export const sendRaw = async (queueUrl: string, body: string, correlationId?: string) => {
  const sqs = client();
  try {
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: body,
        ...(correlationId && { MessageAttributes: { correlationId: { DataType: 'String', StringValue: correlationId } } }),
      }),
    );
  } finally {
    sqs.destroy();
  }
};

export const delayedMessageCount = async (queueUrl: string): Promise<number> => {
  const sqs = client();
  try {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessagesDelayed'] }),
    );
    return Number(Attributes?.ApproximateNumberOfMessagesDelayed ?? 0);
  } finally {
    sqs.destroy();
  }
};

/** An SQS event as Lambda's poller builds it from received messages. */
export const sqsEventOf = (messages: Message[]): SQSEvent => ({
  Records: messages.map((message) => ({
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body!,
    attributes: message.Attributes as never,
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
        name,
        { dataType: value.DataType!, stringValue: value.StringValue, stringListValues: [], binaryListValues: [] },
      ]),
    ),
    md5OfBody: message.MD5OfBody!,
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:test',
    awsRegion: 'us-east-1',
  })),
});

type QueueHandler = (event: SQSEvent, context: ReturnType<typeof lambdaContext>) => Promise<SQSBatchResponse | void>;

/**
 * Delivers what is on the queue to a consumer as Lambda would, once: the messages it reports failed
 * are returned (here they do not go back on the queue).
 */
export const deliver = async (handler: unknown, queueUrl: string): Promise<{ delivered: number; failed: Message[] }> => {
  const messages = await takeMessages(queueUrl, 0);
  if (messages.length === 0) return { delivered: 0, failed: [] };
  const response = await invokeConsumer(handler, messages);
  const failedIds = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
  return { delivered: messages.length, failed: messages.filter((message) => failedIds.has(message.MessageId!)) };
};

/** Invokes a queue consumer with the given bodies as one batch. */
export const deliverBodies = async (handler: unknown, bodies: unknown[], correlationId = 'test-correlation') => {
  const messages: Message[] = bodies.map((body) => ({
    MessageId: randomUUID(),
    ReceiptHandle: randomUUID(),
    Body: JSON.stringify(body),
    MessageAttributes: { correlationId: { DataType: 'String', StringValue: correlationId } },
    Attributes: { ApproximateReceiveCount: '1' },
  }));
  const response = await invokeConsumer(handler, messages);
  return (response?.batchItemFailures ?? []).map((failure) => messages.findIndex((message) => message.MessageId === failure.itemIdentifier));
};

/** Invokes a queue consumer; a batch in which every message failed comes back whole, as on Lambda. */
const invokeConsumer = async (handler: unknown, messages: Message[]): Promise<SQSBatchResponse | void> => {
  try {
    return await (handler as QueueHandler)(sqsEventOf(messages), lambdaContext());
  } catch (error) {
    if ((error as Error).name !== 'FullBatchFailureError') throw error;
    return { batchItemFailures: messages.map((message) => ({ itemIdentifier: message.MessageId! })) };
  }
};
