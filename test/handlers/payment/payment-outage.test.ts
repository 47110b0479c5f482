import { randomUUID } from 'node:crypto';
import { handler as getPayment } from '../../../functions/payment/handlers/get-payment';
import { handler as handlePaymentRequest } from '../../../functions/payment/handlers/handle-payment-request';
import { sqsClient } from '../../../functions/shared/clients';
import type { CapturePayment } from '../../../functions/shared/contracts/payment';
import { invoke } from '../support/http-event';
import { delayedMessageCount, deliverBodies, takeBodies } from '../support/queues';
import { customer, prepareSagaServices, type SagaServices } from '../support/saga-services';

let services: SagaServices;
/** What the handler sent with a delay: the payment requests it put off. */
const delays: { queue: string; delaySeconds: number; deferrals: number }[] = [];
beforeAll(async () => {
  sqsClient().middlewareStack.add(
    (next) => (args) => {
      const input = args.input as { QueueUrl?: string; MessageBody?: string; DelaySeconds?: number };
      if (input.DelaySeconds !== undefined) {
        delays.push({ queue: input.QueueUrl!, delaySeconds: input.DelaySeconds, deferrals: JSON.parse(input.MessageBody!).deferrals });
      }
      return next(args);
    },
    { step: 'initialize', name: 'noteDelays' },
  );
  // The provider is down for this whole file; the breaker opens after two failures in a row.
  services = await prepareSagaServices({
    PAYMENT_SIMULATOR_FAILURE_RATE: '1',
    PAYMENT_MAX_ATTEMPTS: '2',
    PAYMENT_RETRY_BASE_DELAY_MS: '1',
    PAYMENT_RETRY_MAX_DELAY_MS: '5',
    PAYMENT_BREAKER_FAILURE_THRESHOLD: '2',
    PAYMENT_BREAKER_OPEN_SECONDS: '600',
    PAYMENT_MAX_WAIT_SECONDS: '900',
  });
});

const request = (changes: Partial<CapturePayment> = {}): CapturePayment => ({
  type: 'CapturePayment',
  orderId: randomUUID(),
  userId: 'payer',
  amountCents: 1000,
  paymentToken: 'tok_visa',
  replyTo: services.queues.paymentResults,
  requestedAt: new Date().toISOString(),
  ...changes,
});
const paymentOf = (orderId: string) => invoke(getPayment, { pathParameters: { orderId }, claims: customer('payer') });

describe('while the payment provider is down', () => {
  it('retries within the delivery, then puts the payment off (delayed on its own queue) instead of failing the order', async () => {
    const capture = request();
    expect(await deliverBodies(handlePaymentRequest, [capture])).toEqual([]);
    expect((await paymentOf(capture.orderId)).body).toEqual({ orderId: capture.orderId, status: 'PENDING', amountCents: 1000, attempts: 2 });
    expect(await delayedMessageCount(services.queues.paymentRequests)).toBe(1);
    expect(await takeBodies(services.queues.paymentResults, 0)).toEqual([]);
  });

  it('does not call the provider at all once the breaker is open, and puts the payment off until it may close', async () => {
    const capture = request();
    delays.length = 0;
    expect(await deliverBodies(handlePaymentRequest, [capture])).toEqual([]);
    expect((await paymentOf(capture.orderId)).body).toEqual({ orderId: capture.orderId, status: 'PENDING', amountCents: 1000, attempts: 0 });
    expect(await delayedMessageCount(services.queues.paymentRequests)).toBe(2);
    // Held back for the rest of the breaker's 600 s open period, on its own queue, counted as one more deferral.
    expect(delays).toEqual([{ queue: services.queues.paymentRequests, delaySeconds: expect.any(Number), deferrals: 1 }]);
    expect(delays[0]!.delaySeconds).toBeGreaterThan(590);
    expect(delays[0]!.delaySeconds).toBeLessThanOrEqual(600);
  });

  it('lets the payment be taken again by the delayed request: the put-off delivery released it', async () => {
    const capture = request();
    expect(await deliverBodies(handlePaymentRequest, [capture])).toEqual([]);
    expect(await deliverBodies(handlePaymentRequest, [{ ...capture, deferrals: 1 }])).toEqual([]); // not held: put off again
    expect(await delayedMessageCount(services.queues.paymentRequests)).toBe(4);
  });

  it('declines the payment once the order has waited the maximum, so its stock is released', async () => {
    const capture = request({ requestedAt: new Date(Date.now() - 901_000).toISOString(), deferrals: 7 });
    expect(await deliverBodies(handlePaymentRequest, [capture])).toEqual([]);
    expect((await takeBodies(services.queues.paymentResults)).map((message) => message.body)).toEqual([
      { type: 'PaymentDeclined', orderId: capture.orderId, reason: 'payment-provider-unavailable' },
    ]);
    expect((await paymentOf(capture.orderId)).body).toMatchObject({ status: 'DECLINED', declineReason: 'payment-provider-unavailable' });
  });
});
