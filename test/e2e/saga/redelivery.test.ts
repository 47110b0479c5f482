import { randomUUID } from 'node:crypto';
import { CreateQueueCommand, DeleteQueueCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { api, expectStatus } from '../support/api-client';
import { eventually } from '../support/eventually';
import { pendingMessages, queueUrl, sendMessage, sqs, takeAll } from './queues';
import { adminToken, newShopper, placeOrder, settledOrder, stockedProduct, stockOf } from './shop';

/**
 * Inventory and Payment answer only to queues that let their consumers send (decision 0011): this
 * test's queue lets anyone of its account send, as the Order service's result queues let those consumers.
 */
const answersFrom = (account: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sqs:SendMessage', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': account } } }],
  });
/** `https://sqs.<region>.amazonaws.com/<account>/<name>` */
const accountOf = (queueUrl: string) => /\/(\d{12})\//.exec(queueUrl)![1]!;

/*
 * SQS delivers at least once: every message of a finished order is delivered again, and nothing may
 * change — no second reservation, no second charge, no state going back. Requests to Inventory and
 * Payment name a queue of this test for their answers, which shows they were handled (and answered as
 * the first time); the Order service's own queues show it by running empty.
 */
describe('a message delivered twice', () => {
  it('changes nothing the second time and never charges twice', async () => {
    const admin = await adminToken();
    const shopper = await newShopper();
    const tea = await stockedProduct(admin, 6, 1500);
    const orderId = await placeOrder(shopper, [{ sku: tea, quantity: 2 }]);
    const order = await settledOrder(shopper, orderId);
    expect(order.status).toBe('CONFIRMED');
    await eventually(async () => expect(await stockOf(admin, tea)).toEqual({ available: 4, reserved: 0 }));
    const client = api(shopper.token);
    const params = { params: { path: { orderId } } };
    const payment = await expectStatus(200, client.GET('/payments/{orderId}', params));

    const { QueueUrl: answers } = await sqs().send(new CreateQueueCommand({ QueueName: `e2e-answers-${randomUUID()}` }));
    await sqs().send(new SetQueueAttributesCommand({ QueueUrl: answers, Attributes: { Policy: answersFrom(accountOf(answers!)) } }));
    const [stockRequests, paymentRequests, stockResults, paymentResults] = await Promise.all(
      ['InventoryService-StockRequestsQueue', 'PaymentService-PaymentRequestsQueue', 'OrderService-StockResultsQueue', 'OrderService-PaymentResultsQueue'].map(queueUrl),
    );
    const lines = [{ sku: tea, quantity: 2, priceCents: 1500 }];
    const correlationId = `redelivery-${orderId}`;
    try {
      await Promise.all([
        sendMessage(stockRequests!, { type: 'ReserveStock', orderId, lines: [{ sku: tea, quantity: 2 }], replyTo: answers }, correlationId),
        sendMessage(
          paymentRequests!,
          { type: 'CapturePayment', orderId, userId: shopper.userId, amountCents: 3000, paymentToken: 'tok_visa', replyTo: answers, requestedAt: new Date().toISOString() },
          correlationId,
        ),
        sendMessage(stockResults!, { type: 'StockReserved', orderId, lines }, correlationId),
        sendMessage(paymentResults!, { type: 'PaymentCaptured', orderId, amountCents: 3000 }, correlationId),
      ]);

      const answered: unknown[] = [];
      await eventually(
        async () => {
          answered.push(...(await takeAll(answers!)));
          expect(answered).toHaveLength(2);
        },
        { timeoutMs: 30_000 },
      );
      expect(answered).toEqual(
        expect.arrayContaining([
          { type: 'StockReserved', orderId, lines },
          { type: 'PaymentCaptured', orderId, amountCents: 3000 },
        ]),
      );
      await eventually(async () => {
        expect(await pendingMessages(stockResults!)).toBe(0);
        expect(await pendingMessages(paymentResults!)).toBe(0);
      }, { timeoutMs: 30_000 });

      expect((await client.GET('/orders/{orderId}', params)).data).toEqual(order);
      expect((await client.GET('/payments/{orderId}', params)).data).toEqual(payment);
      expect(payment).toMatchObject({ status: 'CAPTURED', attempts: 1 });
      expect(await stockOf(admin, tea)).toEqual({ available: 4, reserved: 0 });
    } finally {
      await sqs().send(new DeleteQueueCommand({ QueueUrl: answers }));
    }
  }, 2 * 60_000);
});
