import { readJsonFile, writeJsonFile } from '../json-file';

/** The parts of a fauxqs message this keeps (fauxqs 1.9's `SqsMessage`: plain data). */
type Message = Record<string, unknown>;

/** The parts of fauxqs's queue and store (1.9) that saving and restoring use. */
interface Queue {
  readonly name: string;
  readonly arn: string;
  attributes: Record<string, string>;
  tags: Map<string, string>;
  sequenceCounter: number;
  inspectMessages(): { ready: Message[]; delayed: Message[]; inflight: { message: Message }[] };
  enqueue(message: Message): void;
}

interface Store {
  listQueues(): Queue[];
  createQueue(name: string, url: string, arn: string, attributes?: Record<string, string>, tags?: Record<string, string>): Queue;
}

interface SavedQueue {
  readonly name: string;
  readonly arn: string;
  readonly attributes: Record<string, string>;
  readonly tags: Record<string, string>;
  readonly sequenceCounter: number;
  readonly messages: Message[];
}

/**
 * Writes every queue and its messages to `file` (fauxqs keeps them in memory only). Messages in flight
 * come first, as they were received first; they are visible again once restored, their receipt
 * handles gone with the process (on SQS they would reappear when their visibility timeout ended).
 */
export const saveQueues = (store: Store, file: string): void => {
  const queues: SavedQueue[] = store.listQueues().map((queue) => {
    const { ready, delayed, inflight } = queue.inspectMessages();
    return {
      name: queue.name,
      arn: queue.arn,
      attributes: queue.attributes,
      tags: Object.fromEntries(queue.tags),
      sequenceCounter: queue.sequenceCounter,
      messages: [...inflight.map((entry) => entry.message), ...ready, ...delayed],
    };
  });
  writeJsonFile(file, { queues });
};

/** Creates the queues `file` holds, with their messages, under the URLs `urlOf` gives now. */
export const restoreQueues = (store: Store, file: string, urlOf: (name: string) => string): number => {
  const saved = readJsonFile<{ queues: SavedQueue[] }>(file);
  if (!saved) return 0;
  const { queues } = saved;
  for (const saved of queues) {
    const queue = store.createQueue(saved.name, urlOf(saved.name), saved.arn, saved.attributes, saved.tags);
    queue.sequenceCounter = saved.sequenceCounter;
    for (const message of saved.messages) queue.enqueue(message);
  }
  return queues.length;
};
