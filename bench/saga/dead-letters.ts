import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { localCredentials } from '../../local/lambda/environment-variables';
import type { RunningModel } from '../support/runtime-protocol';

/**
 * Messages waiting in the app's dead-letter queues and stream failure destinations: after a run
 * without errors there must be none.
 */
export const deadLetterCounts = async (model: RunningModel, endpoint: string, region: string): Promise<Record<string, number>> => {
  const deadLetterArns = new Set([
    ...model.queues.map((queue) => (JSON.parse(queue.attributes.RedrivePolicy ?? '{}') as { deadLetterTargetArn?: string }).deadLetterTargetArn),
    ...model.eventSourceMappings.map((mapping) => mapping.onFailure?.arn),
  ]);
  const client = new SQSClient({ endpoint, region, credentials: localCredentials });
  try {
    const counts: Record<string, number> = {};
    for (const queue of model.queues.filter((candidate) => deadLetterArns.has(candidate.arn))) {
      const { Attributes } = await client.send(
        new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
      );
      counts[queue.name] = Number(Attributes?.ApproximateNumberOfMessages ?? 0) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
    }
    return counts;
  } finally {
    client.destroy();
  }
};
