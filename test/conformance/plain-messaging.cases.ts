import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { EventBridgeEvent, SNSEvent } from 'aws-lambda';
import { localCredentials } from '../../local/lambda/environment-variables';
import { eventually } from '../e2e/support/eventually';
import { request } from '../e2e/support/http';
import type { PlainContext } from './conformance-context';

/**
 * SNS and EventBridge in the plain app, driven by a NodejsFunction that uses the SDK Lambda's runtime
 * provides (NotePublisher, behind POST /note-events): the topic's Lambda and SQS subscriptions, and a
 * rule of a custom bus with a Lambda target.
 */
export const plainMessagingCases = (context: PlainContext) =>
  describe('SNS and EventBridge', () => {
    let sqs: SQSClient;
    const echoed = (functionName: string) =>
      context()
        .log.linesOf(`Dev/Notes/${functionName}`)
        .flatMap((line) => {
          const start = line.indexOf('{"conformance":');
          return start < 0 ? [] : [(JSON.parse(line.slice(start)) as { event: unknown }).event];
        });
    const publish = async (note: string) => {
      const response = await request<{ messageId: string; eventId: string }>(context().runtime.url, 'POST', '/note-events', { body: note });
      expect(response.status).toBe(200);
      return response.body;
    };

    beforeAll(() => {
      sqs = new SQSClient({ endpoint: context().runtime.awsEndpoint, region: context().runtime.region, credentials: localCredentials });
    });
    afterAll(() => sqs.destroy());

    // https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html and https://docs.aws.amazon.com/sns/latest/dg/sns-sqs-as-subscriber.html
    it("delivers a function's Publish to the topic's Lambda subscription (the aws:sns event) and its SQS subscription (the notification)", async () => {
      const note = `note-${Date.now()}`;
      const { messageId } = await publish(note);
      const topicArn = context().runtime.model.events.topics.find((topic) => topic.key.includes('NoteEvents'))!.arn;
      const record = await eventually(() => {
        const found = echoed('NoteEventsSubscriber').flatMap((event) => (event as SNSEvent).Records ?? []).find((candidate) => candidate.Sns.Message === note);
        expect(found).toBeDefined();
        return found!;
      });
      expect(record).toMatchObject({ EventSource: 'aws:sns', Sns: { Type: 'Notification', MessageId: messageId, TopicArn: topicArn, Subject: 'Note created' } });
      const queueUrl = context().runtime.model.queues.find((queue) => queue.key.includes('NoteEventsQueue'))!.url;
      const notification = await eventually(async () => {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1 }));
        const found = Messages.find((message) => JSON.parse(message.Body!).Message === note);
        expect(found).toBeDefined();
        return found!;
      });
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: notification.ReceiptHandle! }));
      expect(JSON.parse(notification.Body!)).toMatchObject({ Type: 'Notification', MessageId: messageId, TopicArn: topicArn, Message: note });
    });

    // https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html and https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
    it("sends a function's PutEvents on a custom bus to the Lambda target of the rule that matches it", async () => {
      const note = `event-${Date.now()}`;
      const { eventId } = await publish(note);
      const event = await eventually(() => {
        const found = echoed('NoteCreatedConsumer').find((candidate) => (candidate as EventBridgeEvent<string, { note: string }>).detail?.note === note);
        expect(found).toBeDefined();
        return found as EventBridgeEvent<'NoteCreated', { note: string }>;
      });
      expect(event).toMatchObject({ id: eventId, source: 'notes', 'detail-type': 'NoteCreated', account: '000000000000', region: context().runtime.region });
    });
  });
