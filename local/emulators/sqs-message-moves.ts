import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  type Message,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/*
 * SQS's message move tasks (dead-letter queue redrive: StartMessageMoveTask, ListMessageMoveTasks,
 * CancelMessageMoveTask), which fauxqs 1.9 does not implement, with SQS's documented semantics, built on
 * the SQS actions it does implement. A task moves the messages of a dead-letter queue, oldest first, to
 * a destination queue or, by default, back to the queue whose redrive policy names the dead-letter
 * queue, at most `MaxNumberOfMessagesPerSecond`; each moved message is a new message there (a new id,
 * its body and attributes kept). Only one task runs per source queue. Not emulated: FIFO queues, and a
 * dead-letter queue of several source queues without a destination (fauxqs does not record which
 * source each message came from): both are refused, saying so.
 */

export type MoveTaskStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';

interface MoveTask {
  readonly TaskHandle: string;
  readonly SourceArn: string;
  readonly DestinationArn?: string;
  readonly MaxNumberOfMessagesPerSecond?: number;
  readonly StartedTimestamp: number;
  readonly ApproximateNumberOfMessagesToMove: number;
  ApproximateNumberOfMessagesMoved: number;
  Status: MoveTaskStatus;
  FailureReason?: string;
}

/** An SQS error as the JSON protocol renders it: `__type` for the SDK, and the query protocol's code in a header. */
export class SqsApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly queryCode: string = code,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = 'SqsApiError';
  }
}

const invalidParameter = (message: string) => new SqsApiError('InvalidParameterValue', message, 'AWS.SimpleQueueService.InvalidParameterValue');
const unsupported = (message: string) => new SqsApiError('UnsupportedOperation', message, 'AWS.SimpleQueueService.UnsupportedOperation');
const notFound = (message: string) => new SqsApiError('ResourceNotFoundException', message, 'ResourceNotFoundException', 404);

const maxRate = 500;
/** How long a received message stays invisible while it is moved. */
const movingVisibilitySeconds = 30;
const tasksKeptPerSource = 10;

const arnPattern = /^arn:[\w-]+:sqs:[\w-]+:(\d{12}):([\w-]{1,80}(\.fifo)?)$/;

const stringField = (input: Record<string, unknown>, name: string, required: boolean): string | undefined => {
  const value = input[name];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value === '') throw invalidParameter(`Value for parameter ${name} is invalid: a string is required.`);
  return value;
};

const integerField = (input: Record<string, unknown>, name: string, bounds: { min: number; max: number }): number | undefined => {
  const value = input[name];
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || (value as number) < bounds.min || (value as number) > bounds.max) {
    throw invalidParameter(`Value ${String(value)} for parameter ${name} is invalid. Reason: must be an integer from ${bounds.min} to ${bounds.max}.`);
  }
  return value as number;
};

export class MessageMoveTasks {
  private readonly tasks: MoveTask[] = [];

  /** `sqs` talks to the emulator itself. */
  constructor(private readonly sqs: () => SQSClient) {}

  async start(input: Record<string, unknown>): Promise<{ TaskHandle: string }> {
    const sourceArn = stringField(input, 'SourceArn', true)!;
    const destinationArn = stringField(input, 'DestinationArn', false);
    const rate = integerField(input, 'MaxNumberOfMessagesPerSecond', { min: 1, max: maxRate });
    const sourceUrl = await this.queueUrlOf(sourceArn);
    if (sourceArn.endsWith('.fifo')) throw unsupported('Moving messages out of a FIFO queue is not supported by this emulator.');
    const sources = await this.sourceQueuesOf(sourceArn);
    if (sources.length === 0) throw unsupported('Source queue must be configured as a Dead Letter Queue.');
    const destinationUrl = destinationArn ? await this.queueUrlOf(destinationArn) : sources.length === 1 ? sources[0]!.url : undefined;
    if (!destinationUrl) {
      throw unsupported(`The dead-letter queue has ${sources.length} source queues, and this emulator does not record which one each message came from: give a DestinationArn.`);
    }
    if (this.tasks.some((task) => task.SourceArn === sourceArn && (task.Status === 'RUNNING' || task.Status === 'CANCELLING'))) {
      throw unsupported('There is already a task running. Only one active task is allowed for a source queue ARN at a given time.');
    }
    const task: MoveTask = {
      TaskHandle: Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn })).toString('base64'),
      SourceArn: sourceArn,
      ...(destinationArn && { DestinationArn: destinationArn }),
      ...(rate && { MaxNumberOfMessagesPerSecond: rate }),
      StartedTimestamp: Date.now(),
      ApproximateNumberOfMessagesToMove: await this.messagesOn(sourceUrl),
      ApproximateNumberOfMessagesMoved: 0,
      Status: 'RUNNING',
    };
    this.remember(task);
    void this.run(task, sourceUrl, destinationUrl);
    return { TaskHandle: task.TaskHandle };
  }

  list(input: Record<string, unknown>) {
    const sourceArn = stringField(input, 'SourceArn', true)!;
    const maxResults = integerField(input, 'MaxResults', { min: 1, max: tasksKeptPerSource }) ?? 1;
    const results = this.tasks.filter((task) => task.SourceArn === sourceArn).slice(0, maxResults);
    return { Results: results.map((entry) => ({ ...entry })) };
  }

  cancel(input: Record<string, unknown>) {
    const handle = stringField(input, 'TaskHandle', true)!;
    const task = this.tasks.find((candidate) => candidate.TaskHandle === handle);
    if (!task) throw notFound('The resource that you specified for the TaskHandle parameter does not exist.');
    if (task.Status !== 'RUNNING') throw unsupported(`Only a RUNNING task can be cancelled; this one is ${task.Status}.`);
    task.Status = 'CANCELLING';
    return { ApproximateNumberOfMessagesMoved: task.ApproximateNumberOfMessagesMoved };
  }

  /** Moves messages until it has moved as many as the queue held at the start, none is left to receive, or it is cancelled. */
  private async run(task: MoveTask, sourceUrl: string, destinationUrl: string): Promise<void> {
    const sqs = this.sqs();
    try {
      while (task.Status === 'RUNNING' && task.ApproximateNumberOfMessagesMoved < task.ApproximateNumberOfMessagesToMove) {
        const wanted = Math.min(10, task.ApproximateNumberOfMessagesToMove - task.ApproximateNumberOfMessagesMoved, task.MaxNumberOfMessagesPerSecond ?? 10);
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: sourceUrl,
            MaxNumberOfMessages: wanted,
            VisibilityTimeout: movingVisibilitySeconds,
            WaitTimeSeconds: 0,
            MessageAttributeNames: ['All'],
          }),
        );
        if (Messages.length === 0) break;
        const unmoved = [...Messages];
        while (unmoved.length > 0 && task.Status === 'RUNNING') {
          await this.move(sqs, unmoved.shift()!, sourceUrl, destinationUrl);
          task.ApproximateNumberOfMessagesMoved++;
        }
        if (unmoved.length > 0) await this.release(sqs, sourceUrl, unmoved);
        if (task.MaxNumberOfMessagesPerSecond) {
          await sleep(task.StartedTimestamp + (task.ApproximateNumberOfMessagesMoved * 1000) / task.MaxNumberOfMessagesPerSecond - Date.now());
        }
      }
      task.Status = task.Status === 'CANCELLING' ? 'CANCELLED' : 'COMPLETED';
    } catch (error) {
      task.Status = 'FAILED';
      task.FailureReason = (error as Error).name === 'QueueDoesNotExist' ? 'AWS.SimpleQueueService.NonExistentQueue' : String((error as Error).message);
    }
  }

  private async move(sqs: SQSClient, message: Message, sourceUrl: string, destinationUrl: string) {
    await sqs.send(new SendMessageCommand({ QueueUrl: destinationUrl, MessageBody: message.Body!, MessageAttributes: message.MessageAttributes }));
    await sqs.send(new DeleteMessageCommand({ QueueUrl: sourceUrl, ReceiptHandle: message.ReceiptHandle! }));
  }

  /** Makes received messages visible again at once: a cancelled task leaves them where they were. */
  private async release(sqs: SQSClient, queueUrl: string, messages: Message[]) {
    await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle!, VisibilityTimeout: 0 })),
      }),
    );
  }

  private remember(task: MoveTask) {
    this.tasks.unshift(task);
    const ofSource = this.tasks.filter((candidate) => candidate.SourceArn === task.SourceArn);
    for (const old of ofSource.slice(tasksKeptPerSource)) this.tasks.splice(this.tasks.indexOf(old), 1);
  }

  private async queueUrlOf(arn: string): Promise<string> {
    const [, account, name] = arn.match(arnPattern) ?? [];
    if (!name) throw invalidParameter(`${arn} is not an SQS queue ARN.`);
    try {
      return (await this.sqs().send(new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: account }))).QueueUrl!;
    } catch (error) {
      if (error instanceof QueueDoesNotExist) throw notFound(`The queue ${arn} does not exist.`);
      throw error;
    }
  }

  /** The queues whose redrive policy names this one as their dead-letter queue. */
  private async sourceQueuesOf(deadLetterArn: string): Promise<{ url: string }[]> {
    const sqs = this.sqs();
    const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({}));
    const policies = await Promise.all(
      QueueUrls.map(async (url) => {
        const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['RedrivePolicy'] }));
        return { url, policy: Attributes?.RedrivePolicy ? (JSON.parse(Attributes.RedrivePolicy) as { deadLetterTargetArn?: string }) : undefined };
      }),
    );
    return policies.filter(({ policy }) => policy?.deadLetterTargetArn === deadLetterArn).map(({ url }) => ({ url }));
  }

  /**
   * The messages on the queue: visible, and those someone is looking at (nobody consumes a dead-letter
   * queue; fauxqs also counts a message whose visibility timeout ran out as not visible until the
   * queue is next read).
   */
  private async messagesOn(queueUrl: string): Promise<number> {
    const { Attributes = {} } = await this.sqs().send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
  }
}

/** The parts of a Fastify app (fauxqs's) that the adapter uses. */
interface HookedApp {
  addHook(
    name: 'preHandler',
    hook: (request: { headers: Record<string, unknown>; body: unknown }, reply: HookReply) => Promise<unknown>,
  ): unknown;
}

interface HookReply {
  status(code: number): HookReply;
  header(name: string, value: string): HookReply;
  send(payload: unknown): HookReply;
}

/**
 * Puts the message move actions in front of fauxqs: a request for one of them (JSON protocol, named
 * by `X-Amz-Target`) is answered here; every other request goes on to fauxqs unchanged.
 */
export const answerMessageMoves = (app: HookedApp, tasks: MessageMoveTasks): void => {
  const actions: Record<string, (input: Record<string, unknown>) => unknown> = {
    'AmazonSQS.StartMessageMoveTask': (input) => tasks.start(input),
    'AmazonSQS.ListMessageMoveTasks': (input) => tasks.list(input),
    'AmazonSQS.CancelMessageMoveTask': (input) => tasks.cancel(input),
  };
  app.addHook('preHandler', async (request, reply) => {
    const action = actions[String(request.headers['x-amz-target'])];
    if (!action) return undefined;
    const input = typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>) : {};
    try {
      const result = await action(input);
      return reply.header('content-type', 'application/x-amz-json-1.0').send(result);
    } catch (error) {
      if (!(error instanceof SqsApiError)) throw error;
      return reply
        .status(error.statusCode)
        .header('content-type', 'application/x-amz-json-1.0')
        .header('x-amzn-query-error', `${error.queryCode};Sender`)
        .send({ __type: `com.amazonaws.sqs#${error.code}`, message: error.message });
    }
  });
};
