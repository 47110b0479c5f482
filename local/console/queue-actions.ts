import { GetQueueUrlCommand, ListMessageMoveTasksCommand, PurgeQueueCommand, StartMessageMoveTaskCommand } from '@aws-sdk/client-sqs';
import { type AwsClients, regionOfArn } from '../provision/aws-clients';
import { inspectQueue } from './queue-inspection';

export class QueueNotFound extends Error {}

/**
 * What the console does to queues: look at their messages, move a dead-letter queue's messages back
 * to their source (SQS's StartMessageMoveTask, answered by local/emulators/sqs-message-moves.ts), and
 * purge. Queues are named as the emulator names them.
 */
export class QueueActions {
  constructor(
    private readonly clients: AwsClients,
    private readonly sqsEndpoint: string,
  ) {}

  async peek(name: string) {
    const queue = await inspectQueue(this.sqsEndpoint, name);
    if (!queue) throw new QueueNotFound(`There is no queue ${name}`);
    return queue;
  }

  /** Starts moving every message of the dead-letter queue `name` back to its source queue; returns the task's handle. */
  async redrive(name: string): Promise<{ taskHandle: string }> {
    const { arn } = await this.peek(name);
    const { TaskHandle } = await this.sqs(arn).send(new StartMessageMoveTaskCommand({ SourceArn: arn }));
    return { taskHandle: TaskHandle! };
  }

  /** The latest message move tasks of the queue with this ARN (as `peek` answers it), newest first. */
  async moveTasks(arn: string) {
    const { Results = [] } = await this.sqs(arn).send(new ListMessageMoveTasksCommand({ SourceArn: arn, MaxResults: 10 }));
    return Results;
  }

  async purge(name: string): Promise<void> {
    const { arn } = await this.peek(name);
    const sqs = this.sqs(arn);
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    await sqs.send(new PurgeQueueCommand({ QueueUrl }));
  }

  private sqs(arn: string) {
    return this.clients.for(regionOfArn(arn)).sqs;
  }
}
