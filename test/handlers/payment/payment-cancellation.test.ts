import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { handler as handlePaymentRequestMessage } from '../../../functions/payment/handlers/handle-payment-request';
import { handlePaymentRequest } from '../../../functions/payment/payment-requests';
import { payments } from '../../../functions/payment/payments';
import { DynamoDbChargeLedger } from '../../../functions/payment/simulator-ledger-dynamodb';
import { documentClient } from '../../../functions/shared/dynamodb-clients';
import type { CancelPayment, CapturePayment } from '../../../functions/shared/contracts/payment';
import { eventually } from '../../e2e/support/eventually';
import { lambdaContext } from '../support/http-event';
import { delayedMessageCount, deliverBodies, takeBodies } from '../support/queues';
import { answersFor as answersForQueue, paymentViewOf } from '../support/payments';
import { prepareSagaServices, type SagaServices } from '../support/saga-services';

/*
 * A CancelPayment comes from an order cancelled at its deadline: whatever became of its payment, and in
 * whichever order the two requests arrive, nothing stays charged and nothing is charged later.
 */
let services: SagaServices;
let ledger: DynamoDbChargeLedger;
beforeAll(async () => {
  // Slow enough for a cancellation to arrive while a delivery is charging, even on a busy machine where
  // each DynamoDB Local call before it may take a few hundred milliseconds.
  services = await prepareSagaServices({ PAYMENT_SIMULATOR_LATENCY_MS: '1000' });
  ledger = new DynamoDbChargeLedger(documentClient(), services.tables.payments);
});

const capture = (): CapturePayment => ({
  type: 'CapturePayment',
  orderId: randomUUID(),
  userId: 'payer',
  amountCents: 2850,
  paymentToken: 'tok_visa',
  replyTo: services.queues.paymentResults,
  requestedAt: new Date().toISOString(),
});
const cancellationOf = ({ orderId, userId, amountCents }: CapturePayment): CancelPayment => ({ type: 'CancelPayment', orderId, userId, amountCents });
const leaseOwnerOf = async (orderId: string) =>
  (await documentClient().send(new GetCommand({ TableName: services.tables.payments, Key: { pk: `PAYMENT#${orderId}`, sk: 'PAYMENT' } }))).Item?.leaseOwner;
const paymentOf = paymentViewOf;
const answersFor = (orderId: string) => answersForQueue(services.queues.paymentResults, orderId);

describe('cancelling the payment of a cancelled order', () => {
  it('refunds a captured payment, once, and answers nothing', async () => {
    const request = capture();
    await deliverBodies(handlePaymentRequestMessage, [request]);
    await takeBodies(services.queues.paymentResults);
    expect(await deliverBodies(handlePaymentRequestMessage, [cancellationOf(request), cancellationOf(request)])).toEqual([]);
    expect(await paymentOf(request.orderId)).toEqual({ orderId: request.orderId, status: 'REFUNDED', amountCents: 2850, attempts: 1 });
    expect(await ledger.find(request.orderId)).toEqual({ outcome: expect.objectContaining({ status: 'captured' }), refundReference: expect.stringMatching(/^re_sim_/) });
    expect(await answersFor(request.orderId)).toEqual([]);
  });

  it('cancels a payment whose request has not arrived: the request, when it comes, charges nothing and is not answered', async () => {
    const request = capture();
    expect(await deliverBodies(handlePaymentRequestMessage, [cancellationOf(request)])).toEqual([]);
    expect(await paymentOf(request.orderId)).toEqual({ orderId: request.orderId, status: 'CANCELLED', amountCents: 2850, attempts: 0 });
    expect(await deliverBodies(handlePaymentRequestMessage, [request])).toEqual([]);
    expect(await ledger.find(request.orderId)).toBeUndefined();
    expect(await answersFor(request.orderId)).toEqual([]);
    expect((await paymentOf(request.orderId)).status).toBe('CANCELLED');
  });

  it('cancels a payment put off while the provider was down without asking it: every call was refused, nothing was charged', async () => {
    const request = capture();
    await payments().claim(request, { owner: 'put-off', until: Date.now() + 60_000 }, new Date(), 'charge');
    await payments().release(request, 'put-off', 3, new Date(), false);
    expect(await deliverBodies(handlePaymentRequestMessage, [cancellationOf(request)])).toEqual([]);
    expect(await paymentOf(request.orderId)).toMatchObject({ status: 'CANCELLED', attempts: 3 });
    expect(await deliverBodies(handlePaymentRequestMessage, [{ ...request, deferrals: 1 }])).toEqual([]); // the put-off request comes back
    expect(await ledger.find(request.orderId)).toBeUndefined();
    expect(await answersFor(request.orderId)).toEqual([]);
  });

  it('comes back once a delivery that is charging has its lease ended, and then refunds what that delivery captured', async () => {
    const request = capture();
    const charging = handlePaymentRequest(request, 'corr', lambdaContext());
    await eventually(async () => expect(await leaseOwnerOf(request.orderId)).toBeDefined(), { intervalMs: 5 }); // charging, for a second
    const delayedBefore = await delayedMessageCount(services.queues.paymentRequests);
    await handlePaymentRequest(cancellationOf(request), 'corr', lambdaContext());
    expect(await delayedMessageCount(services.queues.paymentRequests)).toBe(delayedBefore + 1);
    await charging;
    expect(await answersFor(request.orderId)).toEqual([{ type: 'PaymentCaptured', orderId: request.orderId, amountCents: 2850 }]);
    await handlePaymentRequest(cancellationOf(request), 'corr', lambdaContext()); // the cancellation put back, once its delay is over
    expect((await paymentOf(request.orderId)).status).toBe('REFUNDED');
  });

  it('leaves a declined payment as it is', async () => {
    const request = { ...capture(), paymentToken: 'tok_chargeDeclined' };
    await deliverBodies(handlePaymentRequestMessage, [request]);
    await takeBodies(services.queues.paymentResults);
    expect(await deliverBodies(handlePaymentRequestMessage, [cancellationOf(request)])).toEqual([]);
    expect(await paymentOf(request.orderId)).toMatchObject({ status: 'DECLINED', declineReason: 'card-declined' });
  });
});
