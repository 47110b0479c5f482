import type { ListMessageMoveTasksResultEntry } from '@aws-sdk/client-sqs';
import type { AwsClients } from './aws-target';
import { redriveDeadLetters } from './redrive-dead-letters';
import { type FailureQueueReplay, replayFailureQueue } from './replay-stream-failures';
import { findShopQueues } from './shop-queues';

export interface RedriveResult {
  /** Each dead-letter queue's move task, as it ended. */
  readonly deadLetters: { readonly name: string; readonly task: ListMessageMoveTasksResultEntry }[];
  /** Each stream failure queue's replay. */
  readonly failures: ({ readonly name: string } & FailureQueueReplay)[];
  /** Moves that did not complete, and failure records left for a person. */
  readonly incomplete: number;
}

/** `which` names no queue of the shop; the message lists those there are. */
export class NoSuchQueueError extends Error {}

/**
 * Sends what failed back through the system (`npm run redrive`, docs/operations.md): the messages of
 * each dead-letter queue back to the queue that sent them there (an SQS message move task), each
 * stream failure queue's batches replayed. `which` names one queue (`stock-requests`) or `all`.
 */
export const redrive = async (clients: AwsClients, which: string, options: { ratePerSecond?: number } = {}): Promise<RedriveResult> => {
  const queues = await findShopQueues(clients.sqs);
  const pairs = queues.deadLetterPairs.filter(({ name }) => which === 'all' || which === name);
  const failureQueues = queues.failureQueues.filter(({ name }) => which === 'all' || which === name);
  if (pairs.length + failureQueues.length === 0) {
    const known = [...queues.deadLetterPairs.map(({ name }) => name), ...queues.failureQueues.map(({ name }) => name)];
    throw new NoSuchQueueError(known.length === 0 ? 'No queue of the shop found.' : `No queue named ${which}. The shop's queues: ${known.join(', ')}, or all.`);
  }
  const deadLetters = [];
  for (const pair of pairs) deadLetters.push({ name: pair.name, task: await redriveDeadLetters(clients.sqs, pair, options) });
  const failures = [];
  for (const queue of failureQueues) failures.push({ name: queue.name, ...(await replayFailureQueue(clients, queue)) });
  const incomplete = deadLetters.filter(({ task }) => task.Status !== 'COMPLETED').length + failures.reduce((sum, { kept }) => sum + kept, 0);
  return { deadLetters, failures, incomplete };
};
