import { CreateQueueCommand, SetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueueSpec } from '../assembly/app-model';

/**
 * Creates the queues, then sets the redrive policies, so a queue's dead-letter queue exists whatever
 * the order. Creating a queue that exists with the same attributes changes nothing (a reload).
 */
export const createQueues = async (client: SQSClient, queues: QueueSpec[]): Promise<void> => {
  await Promise.all(
    queues.map(async (queue) => {
      const { RedrivePolicy: _later, ...attributes } = queue.attributes;
      const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: queue.name, Attributes: attributes }));
      if (QueueUrl !== queue.url) throw new Error(`Queue ${queue.name} got the URL ${QueueUrl}, not ${queue.url}`);
    }),
  );
  for (const queue of queues) {
    if (queue.attributes.RedrivePolicy) {
      await client.send(new SetQueueAttributesCommand({ QueueUrl: queue.url, Attributes: { RedrivePolicy: queue.attributes.RedrivePolicy } }));
    }
  }
};
