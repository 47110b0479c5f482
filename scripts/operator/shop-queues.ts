import { GetQueueAttributesCommand, ListQueuesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { serviceStackNames } from '../../lib/stack-names';

/** A queue of the shop, as an operator names it: `stock-requests`, `outbox-failures`. */
export interface ShopQueue {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
}

/** A queue a function consumes, and the dead-letter queue its redrive policy names. */
export interface DeadLetterPair {
  readonly name: string;
  readonly queue: ShopQueue;
  readonly deadLetters: ShopQueue;
}

export interface ShopQueues {
  readonly deadLetterPairs: DeadLetterPair[];
  /** The on-failure destinations of the stream consumers: `OutboxFailures`, `StockUpdateFailures`. */
  readonly failureQueues: ShopQueue[];
}

/**
 * `InventoryService-StockRequestsQueue1A2B3C4D-Xy12Ab34Cd56` → `stock-requests`: CloudFormation (and
 * the local runtime) names a queue `<stack>-<logical id>[-<suffix>]`, and CDK a logical id
 * `<construct path><hash>`; the construct's own name says what the queue is.
 */
export const operatorNameOf = (queueName: string, stackName: string): string =>
  queueName
    .slice(stackName.length + 1)
    .replace(/-[A-Za-z0-9]+$/, '')
    .replace(/[0-9A-F]{8}$/, '')
    .replace(/(Queue|DeadLetters)$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();

const queueNameOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

/**
 * The shop's queues, found by name in the target's SQS (on AWS and in the local runtime alike), and
 * paired by the redrive policies: every queue of a service stack that names a dead-letter queue, and
 * the queues that are neither (the stream consumers' on-failure destinations).
 */
export const findShopQueues = async (sqs: SQSClient, stackNames: readonly string[] = Object.values(serviceStackNames)): Promise<ShopQueues> => {
  const found = (
    await Promise.all(
      stackNames.map(async (stackName) => {
        const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: `${stackName}-`, MaxResults: 1000 }));
        return Promise.all(
          QueueUrls.map(async (url) => {
            const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn', 'RedrivePolicy'] }));
            const redrive = Attributes.RedrivePolicy ? (JSON.parse(Attributes.RedrivePolicy) as { deadLetterTargetArn: string }) : undefined;
            const queue: ShopQueue = { name: operatorNameOf(queueNameOf(url), stackName), url, arn: Attributes.QueueArn! };
            return { queue, deadLetterArn: redrive?.deadLetterTargetArn };
          }),
        );
      }),
    )
  ).flat();
  const byArn = new Map(found.map(({ queue }) => [queue.arn, queue]));
  const deadLetterPairs = found.flatMap(({ queue, deadLetterArn }) => {
    const deadLetters = deadLetterArn && byArn.get(deadLetterArn);
    return deadLetters ? [{ name: queue.name, queue, deadLetters }] : [];
  });
  const paired = new Set(deadLetterPairs.flatMap(({ queue, deadLetters }) => [queue.arn, deadLetters.arn]));
  return {
    deadLetterPairs: deadLetterPairs.sort((a, b) => a.name.localeCompare(b.name)),
    failureQueues: found.map(({ queue }) => queue).filter((queue) => !paired.has(queue.arn)).sort((a, b) => a.name.localeCompare(b.name)),
  };
};
