import { randomUUID } from 'node:crypto';
import { marshall } from '@aws-sdk/util-dynamodb';
import { handler as getOrder } from '../../../functions/order/handlers/get-order';
import { handler as handlePaymentResult } from '../../../functions/order/handlers/handle-payment-result';
import { handler as handleStockResult } from '../../../functions/order/handlers/handle-stock-result';
import { handler as placeOrder } from '../../../functions/order/handlers/place-order';
import { handler as publishOutbox } from '../../../functions/order/handlers/publish-outbox';
import { invoke, lambdaContext } from '../support/http-event';
import { deliverBodies, takeBodies } from '../support/queues';
import { customer, prepareSagaServices, type SagaServices } from '../support/saga-services';
import { TableStreamReader } from '../support/streams';

let services: SagaServices;
let outbox: TableStreamReader;
beforeAll(async () => {
  services = await prepareSagaServices();
  outbox = new TableStreamReader(services.tables.orders);
});

/** Runs the outbox publisher over what the Orders table's stream shows since the last call. */
const publish = async () => {
  const event = await outbox.nextEvent();
  return publishOutbox(event, lambdaContext());
};

const userId = 'saga-user';
const placed = async (paymentToken = 'tok_visa') => {
  const response = await invoke(placeOrder, {
    method: 'POST',
    body: { lines: [{ sku: 'TEA', quantity: 2 }, { sku: 'CUP', quantity: 1 }], paymentToken },
    headers: { 'x-correlation-id': `corr-${randomUUID()}` },
    claims: customer(userId),
  });
  return { orderId: response.body.orderId as string, correlationId: response.headers['x-correlation-id']! };
};
const orderView = async (orderId: string) => (await invoke(getOrder, { pathParameters: { orderId }, claims: customer(userId) })).body;
const stockReserved = (orderId: string) => ({
  type: 'StockReserved',
  orderId,
  lines: [
    { sku: 'TEA', quantity: 2, priceCents: 1200 },
    { sku: 'CUP', quantity: 1, priceCents: 450 },
  ],
});

describe('the outbox', () => {
  it('publishes a placed order as ReserveStock, with the return address and the correlation id', async () => {
    await publish();
    await takeBodies(services.queues.stockRequests, 0);
    const { orderId, correlationId } = await placed();
    expect(await publish()).toEqual({ batchItemFailures: [] });
    expect(await takeBodies(services.queues.stockRequests)).toEqual([
      {
        body: {
          type: 'ReserveStock',
          orderId,
          lines: [{ sku: 'TEA', quantity: 2 }, { sku: 'CUP', quantity: 1 }],
          replyTo: services.queues.stockResults,
        },
        correlationId,
      },
    ]);
  });

  it('reports an outbox item it cannot read, so it is retried and ends at the failure destination', async () => {
    const record = (sk: string, message: unknown) => ({
      eventID: randomUUID(),
      eventName: 'INSERT' as const,
      dynamodb: { SequenceNumber: sk, NewImage: marshall({ pk: 'ORDER#x', sk, message, correlationId: 'c' }) as never },
    });
    const response = await publishOutbox(
      { Records: [record('ORDER', { ignored: true }), record('OUTBOX#Nonsense', { type: 'Nonsense' })] },
      lambdaContext(),
    );
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'OUTBOX#Nonsense' }] });
  });
});

describe('moving an order on', () => {
  it('asks for the payment of a reserved order, at the reserved prices, then confirms it once paid and commits the stock', async () => {
    const { orderId, correlationId } = await placed();
    await publish();
    await takeBodies(services.queues.stockRequests);

    expect(await deliverBodies(handleStockResult, [stockReserved(orderId)], correlationId)).toEqual([]);
    expect(await orderView(orderId)).toMatchObject({ status: 'AWAITING_PAYMENT', totalCents: 2850, lines: stockReserved(orderId).lines });
    await publish();
    const [paymentRequest] = await takeBodies(services.queues.paymentRequests);
    expect(paymentRequest).toEqual({
      body: {
        type: 'CapturePayment',
        orderId,
        userId,
        amountCents: 2850,
        paymentToken: 'tok_visa',
        requestedAt: expect.any(String),
        replyTo: services.queues.paymentResults,
      },
      correlationId,
    });

    expect(await deliverBodies(handlePaymentResult, [{ type: 'PaymentCaptured', orderId, amountCents: 2850 }])).toEqual([]);
    expect((await orderView(orderId)).status).toBe('CONFIRMED');
    await publish();
    expect((await takeBodies(services.queues.stockRequests)).map((message) => message.body)).toEqual([{ type: 'CommitStock', orderId }]);
  });

  it('fails a declined order and releases its stock', async () => {
    const { orderId } = await placed('tok_chargeDeclined');
    await deliverBodies(handleStockResult, [stockReserved(orderId)]);
    await deliverBodies(handlePaymentResult, [{ type: 'PaymentDeclined', orderId, reason: 'card-declined' }]);
    expect(await orderView(orderId)).toMatchObject({ status: 'PAYMENT_FAILED', reason: 'card-declined' });
    await publish();
    const sent = (await takeBodies(services.queues.stockRequests)).filter((message) => message.body.orderId === orderId).map((message) => message.body.type);
    expect(sent).toEqual(['ReserveStock', 'ReleaseStock']);
  });

  it('rejects an order Inventory could not serve, and asks nobody for anything more', async () => {
    const { orderId } = await placed();
    await publish();
    await takeBodies(services.queues.stockRequests);
    await deliverBodies(handleStockResult, [{ type: 'StockRejected', orderId, reason: 'unknown-sku', skus: ['CUP'] }]);
    expect(await orderView(orderId)).toMatchObject({ status: 'REJECTED', reason: 'unknown-sku' });
    await publish();
    const sentFor = (messages: { body: { orderId: string } }[]) => messages.filter((message) => message.body.orderId === orderId);
    expect(sentFor(await takeBodies(services.queues.stockRequests, 0))).toEqual([]);
    expect(sentFor(await takeBodies(services.queues.paymentRequests, 0))).toEqual([]);
  });

  it('changes nothing and sends nothing for results delivered twice', async () => {
    const { orderId } = await placed();
    await deliverBodies(handleStockResult, [stockReserved(orderId), stockReserved(orderId)]);
    await deliverBodies(handlePaymentResult, [
      { type: 'PaymentCaptured', orderId, amountCents: 2850 },
      { type: 'PaymentCaptured', orderId, amountCents: 2850 },
    ]);
    await deliverBodies(handleStockResult, [stockReserved(orderId)]);
    const confirmed = await orderView(orderId);
    expect(confirmed.status).toBe('CONFIRMED');
    await publish();
    expect((await takeBodies(services.queues.paymentRequests)).filter((message) => message.body.orderId === orderId)).toHaveLength(1);
    const toInventory = (await takeBodies(services.queues.stockRequests)).filter((message) => message.body.orderId === orderId);
    expect(toInventory.map((message) => message.body.type)).toEqual(['ReserveStock', 'CommitStock']);
    expect(await orderView(orderId)).toEqual(confirmed);
  });

  it('fails results that contradict the order, or name no order, so a person finds them in the DLQ', async () => {
    const { orderId } = await placed();
    expect(
      await deliverBodies(handlePaymentResult, [
        { type: 'PaymentCaptured', orderId, amountCents: 2850 },
        { type: 'PaymentDeclined', orderId: randomUUID(), reason: 'card-declined' },
      ]),
    ).toEqual([0, 1]);
    expect((await orderView(orderId)).status).toBe('PENDING');
  });
});
