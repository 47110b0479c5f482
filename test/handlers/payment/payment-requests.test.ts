import { randomUUID } from 'node:crypto';
import { handler as getPayment } from '../../../functions/payment/handlers/get-payment';
import { handler as handlePaymentRequestMessage } from '../../../functions/payment/handlers/handle-payment-request';
import { handlePaymentRequest } from '../../../functions/payment/payment-requests';
import { payments } from '../../../functions/payment/payments';
import type { CapturePayment } from '../../../functions/shared/contracts/payment';
import { invoke, lambdaContext } from '../support/http-event';
import { delayedMessageCount, deliverBodies, takeBodies } from '../support/queues';
import { customer, prepareSagaServices, type SagaServices } from '../support/saga-services';

let services: SagaServices;
beforeAll(async () => {
  // Slow enough for two deliveries of one request to overlap.
  services = await prepareSagaServices({ PAYMENT_SIMULATOR_LATENCY_MS: '150' });
});

const request = (paymentToken = 'tok_visa', changes: Partial<CapturePayment> = {}): CapturePayment => ({
  type: 'CapturePayment',
  orderId: randomUUID(),
  userId: 'payer',
  amountCents: 2850,
  paymentToken,
  replyTo: services.queues.paymentResults,
  requestedAt: new Date().toISOString(),
  ...changes,
});
const paymentOf = (orderId: string, userId = 'payer') => invoke(getPayment, { pathParameters: { orderId }, claims: customer(userId) });

describe('taking a payment', () => {
  it('captures tok_visa and answers PaymentCaptured on the return address, under the same correlation id', async () => {
    const capture = request();
    expect(await deliverBodies(handlePaymentRequestMessage, [capture], 'pay-corr')).toEqual([]);
    expect(await takeBodies(services.queues.paymentResults)).toEqual([
      { body: { type: 'PaymentCaptured', orderId: capture.orderId, amountCents: 2850 }, correlationId: 'pay-corr' },
    ]);
    const payment = await paymentOf(capture.orderId);
    expect(payment.status).toBe(200);
    expect(payment.body).toEqual({ orderId: capture.orderId, status: 'CAPTURED', amountCents: 2850, attempts: 1 });
  });

  it.each([
    ['tok_chargeDeclined', 'card-declined'],
    ['tok_something_else', 'invalid-payment-token'],
  ])('declines %s as %s', async (token, reason) => {
    const capture = request(token);
    await deliverBodies(handlePaymentRequestMessage, [capture]);
    expect((await takeBodies(services.queues.paymentResults)).map((message) => message.body)).toEqual([
      { type: 'PaymentDeclined', orderId: capture.orderId, reason },
    ]);
    expect((await paymentOf(capture.orderId)).body).toMatchObject({ status: 'DECLINED', declineReason: reason, attempts: 1 });
  });

  it('never charges twice for a request delivered twice: the second delivery gets the first answer again', async () => {
    const capture = request();
    await deliverBodies(handlePaymentRequestMessage, [capture]);
    await deliverBodies(handlePaymentRequestMessage, [capture, capture]);
    const answers = await takeBodies(services.queues.paymentResults);
    expect(answers.map((message) => message.body)).toEqual(Array(3).fill({ type: 'PaymentCaptured', orderId: capture.orderId, amountCents: 2850 }));
    expect((await paymentOf(capture.orderId)).body.attempts).toBe(1);
  });

  it('never charges twice when two deliveries run at once: the second is put back until the first one\'s lease ends', async () => {
    const capture = request();
    const delayedBefore = await delayedMessageCount(services.queues.paymentRequests);
    await Promise.all([handlePaymentRequest(capture, 'c1', lambdaContext()), handlePaymentRequest(capture, 'c2', lambdaContext())]);
    expect((await takeBodies(services.queues.paymentResults)).map((message) => message.body.type)).toEqual(['PaymentCaptured']);
    expect(await delayedMessageCount(services.queues.paymentRequests)).toBe(delayedBefore + 1);
    await handlePaymentRequest(capture, 'c2', lambdaContext()); // the request put back, once its delay is over
    expect((await takeBodies(services.queues.paymentResults)).map((message) => message.body.type)).toEqual(['PaymentCaptured']);
    expect((await paymentOf(capture.orderId)).body).toMatchObject({ status: 'CAPTURED', attempts: 1 });
  });

  it('never charges twice when three deliveries race: one charges, the others are put back and answered from it', async () => {
    const capture = request();
    const delayedBefore = await delayedMessageCount(services.queues.paymentRequests);
    await Promise.all(Array.from({ length: 3 }, (_, index) => handlePaymentRequest(capture, `race-${index}`, lambdaContext())));
    expect(await delayedMessageCount(services.queues.paymentRequests)).toBe(delayedBefore + 2);
    await Promise.all([handlePaymentRequest(capture, 'retry-1', lambdaContext()), handlePaymentRequest(capture, 'retry-2', lambdaContext())]);
    expect((await takeBodies(services.queues.paymentResults)).map((message) => message.body.type)).toEqual(Array(3).fill('PaymentCaptured'));
    expect((await paymentOf(capture.orderId)).body).toMatchObject({ status: 'CAPTURED', attempts: 1 });
  });

  it('takes over a payment whose delivery died mid-charge once its lease has lapsed, and not before', async () => {
    const [crashed, lapsed] = [request(), request()];
    await payments().claim(crashed, { owner: 'crashed-invocation', until: Date.now() + 60_000 }, new Date(), 'charge');
    await payments().claim(lapsed, { owner: 'crashed-invocation', until: Date.now() - 1 }, new Date(), 'charge');
    const delayedBefore = await delayedMessageCount(services.queues.paymentRequests);
    expect(await deliverBodies(handlePaymentRequestMessage, [crashed, lapsed])).toEqual([]);
    expect(await delayedMessageCount(services.queues.paymentRequests)).toBe(delayedBefore + 1); // the crashed one's, until its lease lapses
    expect((await takeBodies(services.queues.paymentResults)).map((message) => message.body)).toEqual([
      { type: 'PaymentCaptured', orderId: lapsed.orderId, amountCents: 2850 },
    ]);
    expect((await paymentOf(crashed.orderId)).body).toMatchObject({ status: 'PENDING', attempts: 0 });
    expect((await paymentOf(lapsed.orderId)).body).toMatchObject({ status: 'CAPTURED', attempts: 1 });
  });

  it('reports a malformed request as failed and takes the rest of the batch', async () => {
    const capture = request();
    expect(await deliverBodies(handlePaymentRequestMessage, [{ ...capture, amountCents: -5 }, capture])).toEqual([0]);
    expect((await paymentOf(capture.orderId)).body.status).toBe('CAPTURED');
  });
});

describe('GET /payments/{orderId}', () => {
  it("answers 404 for another user's payment, as for a missing one", async () => {
    const capture = request();
    await deliverBodies(handlePaymentRequestMessage, [capture]);
    expect((await paymentOf(capture.orderId, 'someone-else')).status).toBe(404);
    expect((await paymentOf(randomUUID())).status).toBe(404);
  });

  it('rejects an order id that is not a UUID with 400', async () => {
    expect((await paymentOf('PAYMENT#x')).status).toBe(400);
  });
});
