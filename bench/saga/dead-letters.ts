import { SQSClient } from '@aws-sdk/client-sqs';
import { localCredentials } from '../../local/lambda/environment-variables';
import type { RunningModel } from '../support/runtime-protocol';
import { pendingMessages } from '../../test/e2e/saga/queues';

/** The dead-letter queues and stream failure destinations of the app, by ARN. */
const deadLetterArns = (model: RunningModel) =>
  new Set([
    ...model.queues.map((queue) => (JSON.parse(queue.attributes.RedrivePolicy ?? '{}') as { deadLetterTargetArn?: string }).deadLetterTargetArn),
    ...model.eventSourceMappings.map((mapping) => mapping.onFailure?.arn),
  ]);

/** Messages on each queue (waiting, in flight and delayed), by the queue's name. */
const depths = async (queues: RunningModel['queues'], endpoint: string, region: string): Promise<Record<string, number>> => {
  const client = new SQSClient({ endpoint, region, credentials: localCredentials });
  try {
    const counts: Record<string, number> = {};
    for (const queue of queues) counts[queue.name] = await pendingMessages(queue.url, client);
    return counts;
  } finally {
    client.destroy();
  }
};

/**
 * Messages waiting in the app's dead-letter queues and stream failure destinations: after a run
 * without errors there must be none.
 */
export const deadLetterCounts = (model: RunningModel, endpoint: string, region: string): Promise<Record<string, number>> => {
  const arns = deadLetterArns(model);
  return depths(model.queues.filter((queue) => arns.has(queue.arn)), endpoint, region);
};

/** Messages still on the queues the app's functions consume (waiting, in flight, delayed): 0 once all is done. */
export const workInFlight = async (model: RunningModel, endpoint: string, region: string): Promise<number> => {
  const arns = deadLetterArns(model);
  const counts = await depths(model.queues.filter((queue) => !arns.has(queue.arn)), endpoint, region);
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
};
