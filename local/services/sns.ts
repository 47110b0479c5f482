import { randomUUID } from 'node:crypto';
import type { EventsSpec, SubscriptionSpec, TargetSpec, TopicSpec } from '../assembly/app-model';
import { errorAnswer, notEmulated } from '../front-door/error-answers';
import type { ServiceAnswer, ServiceCall } from '../front-door/service-call';
import { matchesPattern, type Pattern } from '../events/event-pattern';
import { type DeliveryContext, deliverToTarget } from '../events/target-delivery';
import { type MessageAttribute, queryAnswer, queryList, queryMessageAttributes } from './query-protocol';

const namespace = 'http://sns.amazonaws.com/doc/2010-03-31/';
/** SNS retries deliveries to Lambda and SQS many times over days; locally three times, a second apart and more. */
const localRetries = 3;

interface Message {
  readonly id: string;
  readonly topic: TopicSpec;
  readonly body: string;
  readonly structure?: string;
  readonly subject?: string;
  readonly attributes: Record<string, MessageAttribute>;
  readonly groupId?: string;
  readonly deduplicationId?: string;
  readonly timestamp: string;
}

class SnsError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Filter policies compare numbers as numbers and string arrays item by item. */
const attributeValues = (attributes: Record<string, MessageAttribute>) =>
  Object.fromEntries(
    Object.entries(attributes).map(([name, { DataType, StringValue }]) => {
      if (DataType.startsWith('Number')) return [name, Number(StringValue)];
      if (DataType === 'String.Array') {
        try {
          return [name, JSON.parse(StringValue ?? '[]')];
        } catch {
          return [name, StringValue];
        }
      }
      return [name, StringValue];
    }),
  );

const passesFilter = (subscription: SubscriptionSpec, message: Message): boolean => {
  if (!subscription.filterPolicy) return true;
  if (subscription.filterPolicyScope === 'MessageAttributes') return matchesPattern(subscription.filterPolicy as Pattern, attributeValues(message.attributes));
  try {
    return matchesPattern(subscription.filterPolicy as Pattern, JSON.parse(message.body));
  } catch {
    return false;
  }
};

/** With `MessageStructure: json`, each protocol may get its own text, else the `default` one. */
const bodyFor = (message: Message, protocol: string) => {
  if (message.structure !== 'json') return message.body;
  const bodies = JSON.parse(message.body) as Record<string, string>;
  return bodies[protocol] ?? bodies.default ?? '';
};

const snsAttributes = (attributes: Record<string, MessageAttribute>) =>
  Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, { Type: value.DataType, Value: value.StringValue ?? value.BinaryValue }]));

const localUrl = (topicArn: string, what: string) => `https://sns.local/?Action=${what}&TopicArn=${encodeURIComponent(topicArn)}`;

/** The notification as SNS writes it into an SQS message (without raw delivery). */
const sqsEnvelope = (message: Message, subscription: SubscriptionSpec) =>
  JSON.stringify({
    Type: 'Notification',
    MessageId: message.id,
    ...(message.topic.fifo && { SequenceNumber: String(Date.now()).padStart(20, '0') }),
    TopicArn: message.topic.arn,
    ...(message.subject !== undefined && { Subject: message.subject }),
    Message: bodyFor(message, 'sqs'),
    Timestamp: message.timestamp,
    SignatureVersion: '1',
    Signature: 'local',
    SigningCertURL: localUrl(message.topic.arn, 'GetSigningCert'),
    UnsubscribeURL: localUrl(subscription.arn, 'Unsubscribe'),
    ...(Object.keys(message.attributes).length > 0 && { MessageAttributes: snsAttributes(message.attributes) }),
  });

/** The event Lambda gets from SNS: one record per invocation. */
const lambdaEvent = (message: Message, subscription: SubscriptionSpec) => ({
  Records: [
    {
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: subscription.arn,
      Sns: {
        Type: 'Notification',
        MessageId: message.id,
        TopicArn: message.topic.arn,
        Subject: message.subject ?? null,
        Message: bodyFor(message, 'lambda'),
        Timestamp: message.timestamp,
        SignatureVersion: '1',
        Signature: 'local',
        SigningCertUrl: localUrl(message.topic.arn, 'GetSigningCert'),
        UnsubscribeUrl: localUrl(subscription.arn, 'Unsubscribe'),
        MessageAttributes: snsAttributes(message.attributes),
      },
    },
  ],
});

/**
 * SNS for the app's topics: `Publish` and `PublishBatch` (query protocol) deliver to each subscription
 * whose filter policy matches: to SQS queues (the JSON notification, or the raw message with its
 * attributes) and Lambda functions (the `aws:sns` event, invoked asynchronously), each as
 * `sns.amazonaws.com` for the topic, so the queue policy or the function's permission must allow it.
 * Topics and subscriptions come from the templates.
 */
export class LocalSns {
  private topics = new Map<string, TopicSpec>();
  private subscriptions: SubscriptionSpec[] = [];

  constructor(private readonly delivery: DeliveryContext) {}

  update(events: EventsSpec): void {
    this.topics = new Map(events.topics.map((topic) => [topic.arn, topic]));
    this.subscriptions = events.subscriptions;
  }

  handle = async (call: ServiceCall): Promise<ServiceAnswer> => {
    const input = call.input ?? {};
    try {
      if (call.operation === 'Publish') {
        const message = this.message(input, input);
        this.publish(message);
        return queryAnswer('Publish', namespace, { MessageId: message.id }, call.requestId);
      }
      if (call.operation === 'PublishBatch') {
        const entries = queryList(input, 'PublishBatchRequestEntries');
        if (entries.length === 0 || entries.length > 10) throw new SnsError('InvalidParameter', 400, 'Invalid parameter: PublishBatchRequestEntries must hold 1 to 10 entries');
        const successful: object[] = [];
        const failed: object[] = [];
        for (const entry of entries) {
          try {
            const message = this.message(input, entry);
            this.publish(message);
            successful.push({ Id: entry.Id, MessageId: message.id });
          } catch (error) {
            if (!(error instanceof SnsError)) throw error;
            failed.push({ Id: entry.Id, Code: error.code, Message: error.message, SenderFault: true });
          }
        }
        return queryAnswer('PublishBatch', namespace, { Successful: successful, Failed: failed }, call.requestId);
      }
      return notEmulated(call, 'the local SNS serves Publish and PublishBatch; topics and subscriptions come from the templates');
    } catch (error) {
      if (!(error instanceof SnsError)) throw error;
      return errorAnswer(call, { code: error.code, status: error.status, message: error.message });
    }
  };

  private message(input: Record<string, unknown>, entry: Record<string, unknown>): Message {
    const topicArn = String(input.TopicArn ?? input.TargetArn ?? '');
    const topic = this.topics.get(topicArn);
    if (!topic) throw new SnsError('NotFound', 404, 'Topic does not exist');
    const body = entry.Message;
    if (typeof body !== 'string' || body === '') throw new SnsError('InvalidParameter', 400, 'Invalid parameter: Empty message');
    if (Buffer.byteLength(body) > 262_144) throw new SnsError('InvalidParameter', 400, 'Invalid parameter: Message too long');
    if (topic.fifo && entry.MessageGroupId === undefined) throw new SnsError('InvalidParameter', 400, 'Invalid parameter: The MessageGroupId parameter is required for FIFO topics');
    return {
      id: randomUUID(),
      topic,
      body,
      structure: entry.MessageStructure as string | undefined,
      subject: entry.Subject as string | undefined,
      attributes: queryMessageAttributes(entry, 'MessageAttributes'),
      groupId: entry.MessageGroupId as string | undefined,
      deduplicationId: entry.MessageDeduplicationId as string | undefined,
      timestamp: new Date().toISOString(),
    };
  }

  private publish(message: Message) {
    for (const subscription of this.subscriptions) {
      if (subscription.topicArn !== message.topic.arn || !passesFilter(subscription, message)) continue;
      if (subscription.protocol !== 'sqs' && subscription.protocol !== 'lambda') continue;
      this.deliver(message, subscription).catch((error: Error) =>
        this.delivery.onWarning(`Topic ${message.topic.name} could not deliver to ${subscription.endpoint}: ${error.message}`),
      );
    }
  }

  private async deliver(message: Message, subscription: SubscriptionSpec) {
    const target: TargetSpec = {
      id: subscription.arn,
      arn: subscription.endpoint,
      kind: subscription.protocol as 'sqs' | 'lambda',
      maximumRetryAttempts: localRetries,
      maximumEventAgeSeconds: 3600,
      deadLetterArn: subscription.deadLetterArn,
      messageGroupId: message.groupId,
    };
    const deliverer = { principalArn: 'sns.amazonaws.com', sourceArn: message.topic.arn, description: `topic ${message.topic.name}` };
    if (target.kind === 'lambda') return deliverToTarget(this.delivery, target, JSON.stringify(lambdaEvent(message, subscription)), deliverer);
    if (!subscription.rawMessageDelivery) return deliverToTarget(this.delivery, target, sqsEnvelope(message, subscription), deliverer, { deduplicationId: message.deduplicationId });
    // Raw delivery: the message itself, its attributes as the SQS message's.
    return deliverToTarget(this.delivery, target, bodyFor(message, 'sqs'), deliverer, { attributes: message.attributes, deduplicationId: message.deduplicationId });
  }
}
