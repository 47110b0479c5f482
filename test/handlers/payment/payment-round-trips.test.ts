import { randomUUID } from 'node:crypto';
import { handler as handlePaymentRequest } from '../../../functions/payment/handlers/handle-payment-request';
import { sqsClient } from '../../../functions/shared/clients';
import { dynamoDbClient } from '../../../functions/shared/dynamodb-clients';
import type { CapturePayment } from '../../../functions/shared/contracts/payment';
import { deliverBodies, takeBodies } from '../support/queues';
import { prepareSagaServices, type SagaServices } from '../support/saga-services';

/*
 * What one payment costs in requests, counted on the SDK clients the handler uses (in-process, so
 * exactly the requests it makes). The breaker's cache window is a minute here, so that timing cannot
 * change the count.
 */
let services: SagaServices;
const sent: string[] = [];
beforeAll(async () => {
  services = await prepareSagaServices({ PAYMENT_BREAKER_CACHE_MS: '60000' });
  const counted = (service: string, commandName = '?') => sent.push(`${service} ${commandName.replace(/Command$/, '')}`);
  dynamoDbClient().middlewareStack.add(
    (next, context) => (args) => {
      counted('dynamodb', context.commandName);
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  sqsClient().middlewareStack.add(
    (next, context) => (args) => {
      counted('sqs', context.commandName);
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
});

const request = (): CapturePayment => ({
  type: 'CapturePayment',
  orderId: randomUUID(),
  userId: 'payer',
  amountCents: 990,
  paymentToken: 'tok_visa',
  replyTo: services.queues.paymentResults,
  requestedAt: new Date().toISOString(),
});

const requestsFor = async (capture: CapturePayment) => {
  sent.length = 0;
  expect(await deliverBodies(handlePaymentRequest, [capture])).toEqual([]);
  const counted = [...sent].sort();
  expect((await takeBodies(services.queues.paymentResults)).map((message) => message.body.type)).toEqual(['PaymentCaptured']);
  return counted;
};

describe('requests per payment', () => {
  it('captures with one write to take the payment, one to settle it and one send; the breaker is read once per cache window', async () => {
    expect(await requestsFor(request())).toEqual(['dynamodb GetItem', 'dynamodb UpdateItem', 'dynamodb UpdateItem', 'sqs SendMessage']);
    expect(await requestsFor(request())).toEqual(['dynamodb UpdateItem', 'dynamodb UpdateItem', 'sqs SendMessage']);
  });

  it('answers a redelivery of a settled payment with one write that finds it settled and one send', async () => {
    const capture = request();
    await requestsFor(capture);
    expect(await requestsFor(capture)).toEqual(['dynamodb UpdateItem', 'sqs SendMessage']);
  });
});
