import { randomUUID } from 'node:crypto';
import {
  CancelMessageMoveTaskCommand,
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  type ListMessageMoveTasksResultEntry,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import type { RunningEmulator } from '../../local/emulators/emulator-process';
import { startSqs } from '../../local/emulators/sqs';
import { eventually } from '../e2e/support/eventually';

/**
 * The local SQS emulator's message move tasks (dead-letter queue redrive), which fauxqs lacks and the
 * runtime adds in front of it, spoken to with the AWS SDK exactly as SQS is.
 */
let sqs: RunningEmulator;
let client: SQSClient;
beforeAll(async () => {
  sqs = await startSqs();
  client = new SQSClient({ endpoint: sqs.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, useQueueUrlAsEndpoint: false });
});
afterAll(async () => {
  client.destroy();
  await sqs.stop();
});

const createQueue = async (attributes: Record<string, string> = {}) => {
  const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: `moves-${randomUUID()}`, Attributes: attributes }));
  const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: QueueUrl!, arn: Attributes!.QueueArn! };
};

/** A work queue and the dead-letter queue its redrive policy names, after one receive. */
const queueWithDeadLetters = async () => {
  const deadLetters = await createQueue();
  const work = await createQueue({ RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetters.arn, maxReceiveCount: 1 }) });
  return { work, deadLetters };
};

const send = (url: string, body: string) =>
  client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageAttributes: { correlationId: { DataType: 'String', StringValue: `c-${body}` } } }));

const bodiesOn = async (url: string) => {
  const { Messages = [] } = await client.send(
    new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 0, MessageAttributeNames: ['All'] }),
  );
  return Messages.map((message) => ({ body: message.Body, correlationId: message.MessageAttributes?.correlationId?.StringValue }));
};

const latestTask = async (sourceArn: string): Promise<ListMessageMoveTasksResultEntry> =>
  (await client.send(new ListMessageMoveTasksCommand({ SourceArn: sourceArn }))).Results![0]!;

const finished = (sourceArn: string, status = 'COMPLETED') =>
  eventually(async () => {
    const task = await latestTask(sourceArn);
    expect(task.Status).toBe(status);
    return task;
  });

describe('message move tasks', () => {
  it('move every message of a dead-letter queue back to the queue that sent it there, with its body and attributes', async () => {
    const { work, deadLetters } = await queueWithDeadLetters();
    await send(work.url, 'poison');
    await client.send(new ReceiveMessageCommand({ QueueUrl: work.url, VisibilityTimeout: 0 }));
    await client.send(new ReceiveMessageCommand({ QueueUrl: work.url, VisibilityTimeout: 0 })); // over maxReceiveCount: to the DLQ
    await send(deadLetters.url, 'second');
    expect((await bodiesOn(deadLetters.url)).map(({ body }) => body).sort()).toEqual(['poison', 'second']);

    const { TaskHandle } = await client.send(new StartMessageMoveTaskCommand({ SourceArn: deadLetters.arn }));
    const task = await finished(deadLetters.arn);
    expect(task).toMatchObject({
      TaskHandle,
      SourceArn: deadLetters.arn,
      Status: 'COMPLETED',
      ApproximateNumberOfMessagesToMove: 2,
      ApproximateNumberOfMessagesMoved: 2,
      StartedTimestamp: expect.any(Number),
    });
    expect(task.DestinationArn).toBeUndefined();
    expect(await bodiesOn(deadLetters.url)).toEqual([]);
    expect((await bodiesOn(work.url)).sort((a, b) => a.body!.localeCompare(b.body!))).toEqual([
      { body: 'poison', correlationId: 'c-poison' },
      { body: 'second', correlationId: 'c-second' },
    ]);
  });

  it('move them to another queue when asked', async () => {
    const { work, deadLetters } = await queueWithDeadLetters();
    const elsewhere = await createQueue();
    await send(deadLetters.url, 'redirected');
    await client.send(new StartMessageMoveTaskCommand({ SourceArn: deadLetters.arn, DestinationArn: elsewhere.arn }));
    expect(await finished(deadLetters.arn)).toMatchObject({ DestinationArn: elsewhere.arn, ApproximateNumberOfMessagesMoved: 1 });
    expect((await bodiesOn(elsewhere.url)).map(({ body }) => body)).toEqual(['redirected']);
    expect(await bodiesOn(work.url)).toEqual([]);
  });

  it('move at most MaxNumberOfMessagesPerSecond, and stop when cancelled, leaving the rest in the dead-letter queue', async () => {
    const { work, deadLetters } = await queueWithDeadLetters();
    for (const body of ['1', '2', '3', '4', '5']) await send(deadLetters.url, body);
    const { TaskHandle } = await client.send(new StartMessageMoveTaskCommand({ SourceArn: deadLetters.arn, MaxNumberOfMessagesPerSecond: 1 }));
    expect(await latestTask(deadLetters.arn)).toMatchObject({ Status: 'RUNNING', MaxNumberOfMessagesPerSecond: 1, ApproximateNumberOfMessagesToMove: 5 });
    const { ApproximateNumberOfMessagesMoved } = await client.send(new CancelMessageMoveTaskCommand({ TaskHandle }));
    expect(ApproximateNumberOfMessagesMoved).toBeLessThan(5);
    const cancelled = await finished(deadLetters.arn, 'CANCELLED');
    expect(cancelled.ApproximateNumberOfMessagesMoved).toBeLessThanOrEqual(2);
    const [moved, left] = [await bodiesOn(work.url), await bodiesOn(deadLetters.url)];
    expect(moved).toHaveLength(cancelled.ApproximateNumberOfMessagesMoved!);
    expect([...moved, ...left].map(({ body }) => body).sort()).toEqual(['1', '2', '3', '4', '5']);
  });

  it('run one at a time per source queue, and list the most recent first', async () => {
    const { deadLetters } = await queueWithDeadLetters();
    for (const body of ['a', 'b', 'c']) await send(deadLetters.url, body);
    const first = await client.send(new StartMessageMoveTaskCommand({ SourceArn: deadLetters.arn, MaxNumberOfMessagesPerSecond: 1 }));
    await expect(client.send(new StartMessageMoveTaskCommand({ SourceArn: deadLetters.arn }))).rejects.toMatchObject({
      name: 'UnsupportedOperation',
      message: expect.stringMatching(/already a task running/),
    });
    await client.send(new CancelMessageMoveTaskCommand({ TaskHandle: first.TaskHandle }));
    await finished(deadLetters.arn, 'CANCELLED');
    const second = await client.send(new StartMessageMoveTaskCommand({ SourceArn: deadLetters.arn }));
    await finished(deadLetters.arn);
    const { Results } = await client.send(new ListMessageMoveTasksCommand({ SourceArn: deadLetters.arn, MaxResults: 10 }));
    expect(Results!.map(({ TaskHandle, Status }) => [TaskHandle, Status])).toEqual([
      [second.TaskHandle, 'COMPLETED'],
      [first.TaskHandle, 'CANCELLED'],
    ]);
    await expect(client.send(new CancelMessageMoveTaskCommand({ TaskHandle: second.TaskHandle }))).rejects.toMatchObject({ name: 'UnsupportedOperation' });
  });

  it('refuse what SQS refuses, with its errors', async () => {
    const { work, deadLetters } = await queueWithDeadLetters();
    const missing = deadLetters.arn.replace(/:[^:]+$/, ':no-such-queue');
    await expect(client.send(new StartMessageMoveTaskCommand({ SourceArn: work.arn }))).rejects.toMatchObject({
      name: 'UnsupportedOperation',
      message: 'Source queue must be configured as a Dead Letter Queue.',
    });
    await expect(client.send(new StartMessageMoveTaskCommand({ SourceArn: missing }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(client.send(new StartMessageMoveTaskCommand({ SourceArn: deadLetters.arn, DestinationArn: missing }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(client.send(new StartMessageMoveTaskCommand({ SourceArn: deadLetters.arn, MaxNumberOfMessagesPerSecond: 501 }))).rejects.toMatchObject({
      name: expect.stringMatching(/InvalidParameterValue/),
      $metadata: { httpStatusCode: 400 },
    });
    await expect(client.send(new CancelMessageMoveTaskCommand({ TaskHandle: Buffer.from('{}').toString('base64') }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    expect((await client.send(new ListMessageMoveTasksCommand({ SourceArn: work.arn }))).Results).toEqual([]);
  });
});
