import { ListMessageMoveTasksCommand, type ListMessageMoveTasksResultEntry, type SQSClient, StartMessageMoveTaskCommand } from '@aws-sdk/client-sqs';
import { sleep } from '../../functions/shared/backoff';
import type { DeadLetterPair } from './shop-queues';

export interface RedriveOptions {
  /** Messages moved per second (SQS's `MaxNumberOfMessagesPerSecond`, 1 to 500); SQS picks the rate without one. */
  readonly ratePerSecond?: number;
  /** How often the task's progress is read. */
  readonly pollMs?: number;
  readonly onProgress?: (task: ListMessageMoveTasksResultEntry) => void;
}

const finalStatuses = new Set(['COMPLETED', 'CANCELLED', 'FAILED']);

/**
 * Moves the messages of a dead-letter queue back to the queue that sent them there, with SQS's own
 * message move task (StartMessageMoveTask: the same call on AWS and in the local runtime's emulator),
 * and waits for it to end. Answers the task as it ended; a task that failed says why.
 */
export const redriveDeadLetters = async (sqs: SQSClient, pair: DeadLetterPair, options: RedriveOptions = {}): Promise<ListMessageMoveTasksResultEntry> => {
  const { TaskHandle } = await sqs.send(
    new StartMessageMoveTaskCommand({ SourceArn: pair.deadLetters.arn, MaxNumberOfMessagesPerSecond: options.ratePerSecond }),
  );
  for (;;) {
    const { Results = [] } = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: pair.deadLetters.arn, MaxResults: 10 }));
    const task = Results.find((candidate) => candidate.TaskHandle === TaskHandle);
    if (!task) throw new Error(`The message move task of ${pair.deadLetters.arn} is not listed`);
    options.onProgress?.(task);
    if (finalStatuses.has(task.Status ?? '')) return task;
    await sleep(options.pollMs ?? 1_000);
  }
};
