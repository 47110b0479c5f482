import {
  GetQueueAttributesCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  DeleteMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';

/*
 * Direct access to the saga's queues, for what only a queue can show: a message delivered twice, a
 * poison message in a DLQ. Endpoint, region and credentials come from the standard SDK environment:
 * the local runtime's SQS emulator (AWS_ENDPOINT_URL_SQS) or a deployed stage's account.
 */
let client: SQSClient | undefined;
export const sqs = () => {
  if (/^https?:\/\/(localhost|127\.0\.0\.1)[:/]/.test(process.env.API_URL ?? '') && !process.env.AWS_ENDPOINT_URL_SQS) {
    throw new Error('A local target needs its SQS emulator: the e2e global setup exports AWS_ENDPOINT_URL_SQS, AWS_REGION and its credentials');
  }
  return (client ??= new SQSClient({ useQueueUrlAsEndpoint: false }));
};

/**
 * A queue of the app by its stack and construct name, e.g. `InventoryService-StockRequestsQueue`:
 * CloudFormation (and the local runtime) names queues `<stack>-<logical id>[-<suffix>]`.
 */
export const queueUrl = async (namePrefix: string): Promise<string> => {
  const { QueueUrls = [] } = await sqs().send(new ListQueuesCommand({ QueueNamePrefix: namePrefix }));
  if (QueueUrls.length !== 1) throw new Error(`Expected one queue named ${namePrefix}*, found ${QueueUrls.length}`);
  return QueueUrls[0]!;
};

export const sendMessage = (url: string, body: unknown, correlationId: string) =>
  sqs().send(
    new SendMessageCommand({
      QueueUrl: url,
      MessageBody: typeof body === 'string' ? body : JSON.stringify(body),
      MessageAttributes: { correlationId: { DataType: 'String', StringValue: correlationId } },
    }),
  );

/** Messages waiting, in flight or delayed: 0 once the consumers are done with a queue. */
export const pendingMessages = async (url: string, client: SQSClient = sqs()) => {
  const { Attributes = {} } = await client.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
    }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages ?? 0) +
    Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) +
    Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0)
  );
};

/** Takes what is on a queue nobody consumes (this test's own), and returns the parsed bodies. */
export const takeAll = async (url: string): Promise<unknown[]> => {
  const { Messages = [] } = await sqs().send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
  for (const message of Messages) await sqs().send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle! }));
  return Messages.map((message) => JSON.parse(message.Body!));
};

/** Takes the message whose body contains `marker` off a queue (a DLQ nobody consumes), if it is there. */
export const takeMessageWith = async (url: string, marker: string): Promise<string | undefined> => {
  const { Messages = [] } = await sqs().send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 1 }));
  const found = Messages.find((message) => message.Body?.includes(marker));
  if (found) await sqs().send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: found.ReceiptHandle! }));
  return found?.Body;
};
