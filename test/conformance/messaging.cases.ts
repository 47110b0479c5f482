import { PutEventsCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { localCredentials } from '../../local/lambda/environment-variables';
import { eventually } from '../e2e/support/eventually';
import { type Context, named } from './conformance-context';
import { callAsFunction, operatorLambda } from './support/aws-caller';

interface Recorded {
  readonly event: Record<string, unknown> & { Records?: { EventSource: string; Sns: Record<string, unknown> }[] };
}

/** SNS topics and EventBridge buses deliver to Lambda functions and SQS queues, as AWS does. */
export const messagingCases = (context: Context) =>
  describe('SNS and EventBridge', () => {
    let sns: SNSClient;
    let events: EventBridgeClient;
    let sqs: SQSClient;
    let lambda: LambdaClient;
    const recorded = () => context().log.observations<Recorded>('recorded').map((observation) => observation.event);
    const queue = (id: string) => named(context().runtime.model.queues, id);
    const topicArn = () => context().runtime.model.events.topics.find((topic) => topic.key.includes('Notices'))!.arn;
    const busName = () => context().runtime.model.events.buses.find((bus) => bus.key.includes('Orders'))!.name;
    const receive = async (id: string) => {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue(id).url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'] }));
      for (const message of Messages) await sqs.send(new DeleteMessageCommand({ QueueUrl: queue(id).url, ReceiptHandle: message.ReceiptHandle! }));
      return Messages;
    };

    beforeAll(() => {
      const settings = { endpoint: context().runtime.awsEndpoint, region: context().runtime.region, credentials: localCredentials };
      sns = new SNSClient(settings);
      events = new EventBridgeClient(settings);
      sqs = new SQSClient(settings);
      lambda = operatorLambda(context().runtime);
    });
    afterAll(() => [sns, events, sqs, lambda].forEach((client) => client.destroy()));

    // https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html and https://docs.aws.amazon.com/sns/latest/dg/sns-sqs-as-subscriber.html
    it('delivers a published message to a Lambda subscription (the aws:sns event) and an SQS subscription (the notification)', async () => {
      const text = `notice-${Date.now()}`;
      const { MessageId } = await sns.send(
        new PublishCommand({ TopicArn: topicArn(), Message: text, Subject: 'Hello', MessageAttributes: { kind: { DataType: 'String', StringValue: 'drop' } } }),
      );
      const record = await eventually(() => {
        const found = recorded().flatMap((event) => event.Records ?? []).find((candidate) => candidate.Sns.Message === text);
        expect(found).toBeDefined();
        return found!;
      });
      expect(record.EventSource).toBe('aws:sns');
      expect(record.Sns).toMatchObject({ Type: 'Notification', MessageId, TopicArn: topicArn(), Subject: 'Hello', MessageAttributes: { kind: { Type: 'String', Value: 'drop' } } });
      const [notification] = await eventually(async () => {
        const messages = await receive('NoticeInbox');
        expect(messages).toHaveLength(1);
        return messages;
      });
      expect(JSON.parse(notification!.Body!)).toMatchObject({ Type: 'Notification', MessageId, TopicArn: topicArn(), Message: text, MessageAttributes: { kind: { Type: 'String', Value: 'drop' } } });
    });

    // https://docs.aws.amazon.com/sns/latest/dg/sns-large-payload-raw-message-delivery.html and https://docs.aws.amazon.com/sns/latest/dg/sns-message-filtering.html
    it('delivers raw messages with their attributes to a raw subscription, only those its filter policy accepts', async () => {
      const publish = (text: string, kind: string) => sns.send(new PublishCommand({ TopicArn: topicArn(), Message: text, MessageAttributes: { kind: { DataType: 'String', StringValue: kind } } }));
      await publish('dropped', 'drop');
      await publish('kept', 'keep');
      const messages = await eventually(async () => {
        const received = await receive('RawNoticeInbox');
        expect(received).toHaveLength(1);
        return received;
      });
      expect(messages[0]!.Body).toBe('kept');
      expect(messages[0]!.MessageAttributes).toEqual({ kind: { DataType: 'String', StringValue: 'keep' } });
    });

    // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html and https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
    it('sends events a rule of a custom bus matches to its Lambda target (the event) and SQS target (the part InputPath selects)', async () => {
      const orderId = `order-${Date.now()}`;
      const put = (status: string) =>
        events.send(new PutEventsCommand({ Entries: [{ EventBusName: busName(), Source: 'conformance.orders', DetailType: 'Order changed', Detail: JSON.stringify({ orderId, status }) }] }));
      const skipped = await put('CANCELLED');
      const { Entries, FailedEntryCount } = await put('PLACED');
      expect([skipped.FailedEntryCount, FailedEntryCount]).toEqual([0, 0]);
      const event = await eventually(() => {
        const found = recorded().filter((candidate) => (candidate.detail as { orderId?: string } | undefined)?.orderId === orderId);
        expect(found).toHaveLength(1);
        return found[0]!;
      });
      expect(event).toMatchObject({ version: '0', id: Entries![0]!.EventId, 'detail-type': 'Order changed', source: 'conformance.orders', region: context().runtime.region, detail: { orderId, status: 'PLACED' } });
      const details = await eventually(async () => {
        const received = await receive('PlacedOrderDetails');
        expect(received).toHaveLength(1);
        return received;
      });
      expect(JSON.parse(details[0]!.Body!)).toEqual({ orderId, status: 'PLACED' });
    });

    // https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
    it('takes Publish and PutEvents from a function whose role may, and reports a bad entry without failing the others', async () => {
      const caller = named(context().runtime.model.functions, 'AwsCaller');
      const published = await callAsFunction(lambda, caller.name, { call: 'sns Publish', input: { TopicArn: topicArn(), Message: 'from a function' } });
      expect(published.ok).toBe(true);
      const put = await callAsFunction(lambda, caller.name, {
        call: 'events PutEvents',
        input: {
          Entries: [
            { EventBusName: busName(), Source: 'conformance.orders', DetailType: 'Order changed', Detail: '{"status":"NEW"}' },
            { EventBusName: busName(), Source: 'conformance.orders', DetailType: 'Order changed', Detail: 'not json' },
          ],
        },
      });
      expect(put.output).toMatchObject({ FailedEntryCount: 1, Entries: [{ EventId: expect.any(String) }, { ErrorCode: 'MalformedDetail' }] });
      await eventually(() => expect(recorded().flatMap((event) => event.Records ?? []).some((record) => record.Sns.Message === 'from a function')).toBe(true));
      await receive('NoticeInbox');
    });
  });
