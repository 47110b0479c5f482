import { type AttributeValue, type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { deadLetterQueueOf, type InspectedQueue, inspectQueue } from './queue-inspection';
import { stackOf, type TrailMessage, type TrailPlan, type TrailStep } from './trail';

export type TrailStatus = 'settled' | 'in progress' | 'dead-lettered' | 'not found';

/** An item the trail wrote, as it is now (undefined: deleted since). */
export interface ItemNow {
  readonly tableName: string;
  readonly key: Record<string, unknown>;
  readonly item?: Record<string, unknown>;
}

export interface Trail {
  readonly id: string;
  readonly correlationIds: string[];
  readonly steps: TrailStep[];
  readonly status: TrailStatus;
  readonly errors: number;
  readonly items: ItemNow[];
}

export interface TrailLookups {
  readonly sqsEndpoint: string;
  /** The client for a table's region, or undefined for a table the app does not have. */
  readonly dynamodbFor: (tableName: string) => DynamoDBClient | undefined;
}

const kindOrder = { request: 0, item: 1, record: 2, message: 3, invocation: 4 } as const;

/** Where each message of the trail is now: still on its queue, in its dead-letter queue, or gone (deleted). */
const messageFates = async (messages: readonly TrailMessage[], sqsEndpoint: string): Promise<TrailStep[]> => {
  const queues = new Map<string, Promise<InspectedQueue | undefined>>();
  const inspect = (name: string) => {
    if (!queues.has(name)) queues.set(name, inspectQueue(sqsEndpoint, name).catch(() => undefined));
    return queues.get(name)!;
  };
  return Promise.all(
    messages.map(async ({ message, sentAt, deliveries }): Promise<TrailStep> => {
      const queue = await inspect(message.queueName);
      const lastDelivery = deliveries.at(-1);
      const after = lastDelivery?.endedAt ?? sentAt;
      const waiting = queue?.messages.find((candidate) => candidate.messageId === message.messageId);
      const base = { kind: 'message' as const, service: lastDelivery ? stackOf(lastDelivery.function) : message.queueName, at: after };
      if (waiting) return { ...base, title: `Message ${waiting.state} on ${message.queueName}`, detail: `received ${waiting.receiveCount} times`, outcome: 'pending' };
      const deadLetterQueue = queue && deadLetterQueueOf(queue.attributes);
      const dead = deadLetterQueue && (await inspect(deadLetterQueue))?.messages.some((candidate) => candidate.messageId === message.messageId);
      if (dead) return { ...base, title: `Message dead-lettered to ${deadLetterQueue}`, detail: `after ${deliveries.length} deliveries`, outcome: 'dead-lettered' };
      return {
        ...base,
        title: `Message deleted from ${message.queueName}`,
        detail: lastDelivery ? `after ${lastDelivery.function} handled it` : 'by someone the runtime did not see',
        outcome: 'ok',
      };
    }),
  );
};

const itemsNow = (plan: TrailPlan, lookups: TrailLookups): Promise<ItemNow[]> =>
  Promise.all(
    plan.items.map(async ({ tableName, key }) => {
      const client = lookups.dynamodbFor(tableName);
      const { Item } = client ? await client.send(new GetItemCommand({ TableName: tableName, Key: key as Record<string, AttributeValue> })) : {};
      return { tableName, key: unmarshall(key as Record<string, AttributeValue>), item: Item && unmarshall(Item) };
    }),
  );

/** The trail in time order with each message's fate, its status, and the items it wrote as they are now. */
export const trailState = async (plan: TrailPlan, lookups: TrailLookups): Promise<Trail> => {
  const [fates, items] = await Promise.all([messageFates(plan.messages, lookups.sqsEndpoint), itemsNow(plan, lookups)]);
  const steps = [...plan.steps, ...fates].sort((a, b) => a.at - b.at || kindOrder[a.kind] - kindOrder[b.kind]);
  const status: TrailStatus =
    steps.length === 0
      ? 'not found'
      : fates.some((step) => step.outcome === 'pending')
        ? 'in progress'
        : fates.some((step) => step.outcome === 'dead-lettered')
          ? 'dead-lettered'
          : 'settled';
  return { id: plan.id, correlationIds: plan.correlationIds, steps, status, errors: steps.filter((step) => step.outcome === 'error').length, items };
};
