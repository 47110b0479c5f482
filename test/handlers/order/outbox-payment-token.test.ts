import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { handler as handleStockResult } from '../../../functions/order/handlers/handle-stock-result';
import { handler as placeOrder } from '../../../functions/order/handlers/place-order';
import { handler as publishOutbox } from '../../../functions/order/handlers/publish-outbox';
import { outboxKey } from '../../../functions/order/table-layout';
import { invoke, lambdaContext } from '../support/http-event';
import { deliverBodies, takeBodies } from '../support/queues';
import { customer, prepareSagaServices, type SagaServices } from '../support/saga-services';
import { TableStreamReader } from '../support/streams';

let services: SagaServices;
let outbox: TableStreamReader;
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
beforeAll(async () => {
  services = await prepareSagaServices();
  outbox = new TableStreamReader(services.tables.orders);
});
afterAll(() => documents.destroy());

const publish = async () => publishOutbox(await outbox.nextEvent(), lambdaContext());
const paymentToken = `tok_${randomUUID().replace(/-/g, '')}`;

describe('payment tokens in the outbox', () => {
  it('leave the CapturePayment outbox item once it is published; the message went out with the token', async () => {
    const placed = await invoke(placeOrder, {
      method: 'POST',
      body: { lines: [{ sku: 'TEA', quantity: 1 }], paymentToken },
      claims: customer('token-owner'),
    });
    const orderId = placed.body.orderId as string;
    await publish();
    await takeBodies(services.queues.stockRequests);
    await deliverBodies(handleStockResult, [{ type: 'StockReserved', orderId, lines: [{ sku: 'TEA', quantity: 1, priceCents: 500 }] }]);

    expect(await publish()).toEqual({ batchItemFailures: [] });
    const [sent] = await takeBodies(services.queues.paymentRequests);
    expect(sent?.body).toMatchObject({ type: 'CapturePayment', orderId, paymentToken });

    const { Item } = await documents.send(
      new GetCommand({ TableName: services.tables.orders, Key: outboxKey({ orderId, type: 'CapturePayment' }), ConsistentRead: true }),
    );
    expect(Item?.message).toMatchObject({ type: 'CapturePayment', orderId, amountCents: 500 });
    expect(Item?.message).not.toHaveProperty('paymentToken');
    expect(JSON.stringify(Item)).not.toContain(paymentToken);

    // Taking the token out is a change to the table too, and no message: nothing more is sent.
    expect(await publish()).toEqual({ batchItemFailures: [] });
    expect(await takeBodies(services.queues.paymentRequests, 0)).toEqual([]);
  });
});
