import { randomUUID } from 'node:crypto';
import { handler as handlePaymentRequest } from '../../../functions/payment/handlers/handle-payment-request';
import { DynamoDbChargeLedger } from '../../../functions/payment/simulator-ledger-dynamodb';
import { documentClient } from '../../../functions/shared/dynamodb-clients';
import type { CapturePayment } from '../../../functions/shared/contracts/payment';
import { delayedMessageCount, deliverBodies } from '../support/queues';
import { answersFor as answersForQueue, paymentViewOf } from '../support/payments';
import { prepareSagaServices, type SagaServices } from '../support/saga-services';

/*
 * The processor charges and never answers, every time: one call per delivery, abandoned after 1 s.
 * What it charged is known only by asking it, which the Payment service does before it gives a
 * payment up, and before it cancels one. Those questions answer, within the same 1 s: with 100 ms, a
 * busy machine (a second `npm test` beside the e2e runtime) made one time out, and the cancellation
 * was rightly put off rather than refunded.
 */
let services: SagaServices;
let ledger: DynamoDbChargeLedger;
beforeAll(async () => {
  services = await prepareSagaServices({
    PAYMENT_SIMULATOR_CHARGED_TIMEOUT_RATE: '1',
    PAYMENT_ATTEMPT_TIMEOUT_MS: '1000',
    PAYMENT_MAX_ATTEMPTS: '1',
    PAYMENT_MAX_WAIT_SECONDS: '900',
  });
  ledger = new DynamoDbChargeLedger(documentClient(), services.tables.payments);
});

const capture = (changes: Partial<CapturePayment> = {}): CapturePayment => ({
  type: 'CapturePayment',
  orderId: randomUUID(),
  userId: 'payer',
  amountCents: 1200,
  paymentToken: 'tok_visa',
  replyTo: services.queues.paymentResults,
  requestedAt: new Date().toISOString(),
  ...changes,
});
const paymentOf = paymentViewOf;
const answersFor = (orderId: string) => answersForQueue(services.queues.paymentResults, orderId);

describe('a charge whose answer was lost', () => {
  it('is put off, not declined, while the payment may still wait: the processor charged, nobody knows yet', async () => {
    const request = capture();
    const delayedBefore = await delayedMessageCount(services.queues.paymentRequests);
    expect(await deliverBodies(handlePaymentRequest, [request])).toEqual([]);
    expect(await paymentOf(request.orderId)).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(await delayedMessageCount(services.queues.paymentRequests)).toBe(delayedBefore + 1);
    expect(await ledger.find(request.orderId)).toMatchObject({ outcome: { status: 'captured' } });
  });

  it('is found by its key before the payment is given up, and recorded as captured: the order is confirmed, not failed', async () => {
    const request = capture({ requestedAt: new Date(Date.now() - 901_000).toISOString(), deferrals: 9 });
    expect(await deliverBodies(handlePaymentRequest, [request])).toEqual([]);
    const charged = await ledger.find(request.orderId);
    expect(await paymentOf(request.orderId)).toEqual({ orderId: request.orderId, status: 'CAPTURED', amountCents: 1200, attempts: 1 });
    expect(await answersFor(request.orderId)).toEqual([{ type: 'PaymentCaptured', orderId: request.orderId, amountCents: 1200 }]);
    expect(charged?.refundReference).toBeUndefined();
  });

  it('is found by its key and refunded when the order is cancelled meanwhile', async () => {
    const request = capture();
    expect(await deliverBodies(handlePaymentRequest, [request])).toEqual([]); // charged, answer lost, put off
    expect(await deliverBodies(handlePaymentRequest, [{ type: 'CancelPayment', orderId: request.orderId, userId: 'payer', amountCents: 1200 }])).toEqual([]);
    expect(await paymentOf(request.orderId)).toMatchObject({ status: 'REFUNDED', attempts: 1 });
    expect(await ledger.find(request.orderId)).toMatchObject({ outcome: { status: 'captured' }, refundReference: expect.stringMatching(/^re_sim_/) });
    expect(await deliverBodies(handlePaymentRequest, [{ ...request, deferrals: 1 }])).toEqual([]); // the put-off request comes back
    expect(await answersFor(request.orderId)).toEqual([]);
    expect((await paymentOf(request.orderId)).status).toBe('REFUNDED');
  });
});
