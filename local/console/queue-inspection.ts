/** A message as it sits on a queue, looked at without receiving it. */
export interface InspectedMessage {
  readonly messageId: string;
  readonly body: string;
  readonly attributes: Record<string, unknown>;
  readonly sentAt: number;
  readonly receiveCount: number;
  readonly state: 'visible' | 'in flight' | 'delayed';
  /** In flight: when it becomes visible again; delayed: when it becomes visible. */
  readonly visibleAt?: number;
}

export interface InspectedQueue {
  readonly name: string;
  readonly arn: string;
  readonly attributes: Record<string, string>;
  readonly messages: InspectedMessage[];
}

interface FauxqsMessage {
  messageId: string;
  body: string;
  messageAttributes?: Record<string, unknown>;
  sentTimestamp: number;
  approximateReceiveCount: number;
  delayUntil?: number;
}

interface FauxqsQueue {
  name: string;
  arn: string;
  attributes: Record<string, string>;
  messages: { ready: FauxqsMessage[]; delayed: FauxqsMessage[]; inflight: { message: FauxqsMessage; visibilityDeadline: number }[] };
}

const inspected = (message: FauxqsMessage, state: InspectedMessage['state'], visibleAt?: number): InspectedMessage => ({
  messageId: message.messageId,
  body: message.body,
  attributes: message.messageAttributes ?? {},
  sentAt: message.sentTimestamp,
  receiveCount: message.approximateReceiveCount,
  state,
  visibleAt,
});

/**
 * Every message on a queue, visible, in flight or delayed, without receiving any: fauxqs's inspection
 * endpoint (`/_fauxqs/queues/<name>`), which changes nothing on the queue. Undefined for an unknown queue.
 */
export const inspectQueue = async (sqsEndpoint: string, name: string): Promise<InspectedQueue | undefined> => {
  const response = await fetch(`${sqsEndpoint}/_fauxqs/queues/${encodeURIComponent(name)}`);
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`The SQS emulator could not show ${name}: HTTP ${response.status}`);
  const queue = (await response.json()) as FauxqsQueue;
  return {
    name: queue.name,
    arn: queue.arn,
    attributes: queue.attributes,
    messages: [
      ...queue.messages.ready.map((message) => inspected(message, 'visible')),
      ...queue.messages.inflight.map(({ message, visibilityDeadline }) => inspected(message, 'in flight', visibilityDeadline)),
      ...queue.messages.delayed.map((message) => inspected(message, 'delayed', message.delayUntil)),
    ].sort((a, b) => a.sentAt - b.sentAt),
  };
};

/** The name of the dead-letter queue a queue's redrive policy names, if any. */
export const deadLetterQueueOf = (attributes: Record<string, string>): string | undefined => {
  if (!attributes.RedrivePolicy) return undefined;
  const { deadLetterTargetArn } = JSON.parse(attributes.RedrivePolicy) as { deadLetterTargetArn?: string };
  return deadLetterTargetArn?.split(':').pop();
};
