import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { localCredentials } from '../../local/lambda/environment-variables';
import { eventually } from '../e2e/support/eventually';
import { type Context, named } from './conformance-context';

interface Seen {
  readonly id: string;
  readonly receiveCount: number;
  readonly sinceFirstReceiveMs: number;
  readonly fails: boolean;
}

/** The SQS event source mapping: partial batch responses, redelivery after the visibility timeout, the dead-letter queue. */
export const sqsCases = (context: Context) =>
  describe('SQS event source mapping', () => {
    let sqs: SQSClient;
    const queue = (id: string) => named(context().runtime.model.queues, id);
    const seen = (id: string) => context().log.observations<Seen>('sqs').filter((observation) => observation.id === id);
    const send = (...bodies: object[]) =>
      sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queue('Work').url,
          Entries: bodies.map((body, index) => ({ Id: String(index), MessageBody: JSON.stringify(body) })),
        }),
      );

    beforeAll(() => {
      sqs = new SQSClient({ endpoint: context().runtime.endpoints.sqs, region: context().runtime.region, credentials: localCredentials });
    });
    afterAll(() => sqs.destroy());

    it('deletes the messages that succeeded and redelivers a reported failure after the visibility timeout', async () => {
      const run = Date.now();
      await send({ id: `ok-a-${run}`, failReceives: 0 }, { id: `retry-${run}`, failReceives: 1 }, { id: `ok-b-${run}`, failReceives: 0 });
      const retried = await eventually(() => {
        const receives = seen(`retry-${run}`);
        expect(receives.map((receive) => [receive.receiveCount, receive.fails])).toEqual([[1, true], [2, false]]);
        return receives;
      });
      // The visibility timeout is 2 s: the message stayed invisible that long before it came back.
      expect(retried[1]!.sinceFirstReceiveMs).toBeGreaterThanOrEqual(2000);
      expect(seen(`ok-a-${run}`).map((receive) => receive.receiveCount)).toEqual([1]);
      expect(seen(`ok-b-${run}`).map((receive) => receive.receiveCount)).toEqual([1]);
      await eventually(async () => {
        const { Attributes } = await sqs.send(
          new GetQueueAttributesCommand({ QueueUrl: queue('Work').url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
        );
        expect(Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
      });
    });

    it('moves a message that keeps failing to the dead-letter queue after maxReceiveCount receives', async () => {
      const id = `poison-${Date.now()}`;
      await send({ id, failReceives: 'all' });
      const dead = await eventually(
        async () => {
          const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue('WorkDlq').url, WaitTimeSeconds: 1, MaxNumberOfMessages: 10 }));
          const message = Messages.find((candidate) => JSON.parse(candidate.Body!).id === id);
          expect(message).toBeDefined();
          return message!;
        },
        { timeoutMs: 20_000 },
      );
      expect(JSON.parse(dead.Body!)).toEqual({ id, failReceives: 'all' });
      expect(seen(id).map((receive) => receive.receiveCount)).toEqual([1, 2]);
    });
  });
