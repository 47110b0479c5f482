import { randomUUID } from 'node:crypto';
import { handler as getProduct } from '../../../functions/inventory/handlers/get-product';
import { handler as handleStockRequest } from '../../../functions/inventory/handlers/handle-stock-request';
import { reserveStock } from '../../../functions/inventory/reservations';
import { invoke } from '../support/http-event';
import { stockedProduct, uniqueSku } from '../support/inventory-fixtures';
import { deliverBodies, takeBodies } from '../support/queues';
import { customer, prepareSagaServices, type SagaServices } from '../support/saga-services';

let services: SagaServices;
beforeAll(async () => {
  services = await prepareSagaServices();
});

const stockOf = async (sku: string) => {
  const { body } = await invoke(getProduct, { pathParameters: { sku }, claims: customer('ann') });
  return { available: body.available, reserved: body.reserved };
};
const reserve = (orderId: string, lines: { sku: string; quantity: number }[]) => ({
  type: 'ReserveStock',
  orderId,
  lines,
  replyTo: services.queues.stockResults,
});

describe('reserving stock for an order', () => {
  it('holds every line, answers StockReserved with the prices on the return address, under the same correlation id', async () => {
    const [tea, cup] = [await stockedProduct(5, 1200), await stockedProduct(2, 450)];
    const orderId = randomUUID();
    const failed = await deliverBodies(handleStockRequest, [reserve(orderId, [{ sku: tea, quantity: 2 }, { sku: cup, quantity: 2 }])], 'order-corr-1');
    expect(failed).toEqual([]);
    expect(await takeBodies(services.queues.stockResults)).toEqual([
      {
        body: { type: 'StockReserved', orderId, lines: [{ sku: tea, quantity: 2, priceCents: 1200 }, { sku: cup, quantity: 2, priceCents: 450 }] },
        correlationId: 'order-corr-1',
      },
    ]);
    expect(await stockOf(tea)).toEqual({ available: 3, reserved: 2 });
    expect(await stockOf(cup)).toEqual({ available: 0, reserved: 2 });
  });

  it('reserves nothing when one line is short, and says which', async () => {
    const [tea, cup] = [await stockedProduct(5), await stockedProduct(1)];
    const orderId = randomUUID();
    await deliverBodies(handleStockRequest, [reserve(orderId, [{ sku: tea, quantity: 1 }, { sku: cup, quantity: 2 }])]);
    expect((await takeBodies(services.queues.stockResults)).map((message) => message.body)).toEqual([
      { type: 'StockRejected', orderId, reason: 'insufficient-stock', skus: [cup] },
    ]);
    expect(await stockOf(tea)).toEqual({ available: 5, reserved: 0 });
  });

  it('rejects an order for an unknown SKU', async () => {
    const orderId = randomUUID();
    const unknown = uniqueSku();
    await deliverBodies(handleStockRequest, [reserve(orderId, [{ sku: unknown, quantity: 1 }])]);
    expect((await takeBodies(services.queues.stockResults))[0]!.body).toEqual({ type: 'StockRejected', orderId, reason: 'unknown-sku', skus: [unknown] });
  });

  it('answers a redelivered request as the first time, without reserving twice, even after the stock changed', async () => {
    const sku = await stockedProduct(3);
    const rejectedOrder = randomUUID();
    const reservedOrder = randomUUID();
    await deliverBodies(handleStockRequest, [reserve(rejectedOrder, [{ sku, quantity: 4 }]), reserve(reservedOrder, [{ sku, quantity: 2 }])]);
    const first = await takeBodies(services.queues.stockResults);
    await deliverBodies(handleStockRequest, [reserve(rejectedOrder, [{ sku, quantity: 4 }]), reserve(reservedOrder, [{ sku, quantity: 2 }])]);
    expect(await takeBodies(services.queues.stockResults)).toEqual(first);
    expect(await stockOf(sku)).toEqual({ available: 1, reserved: 2 });
  });

  it('never lets stock go below zero, whatever the concurrency: exactly the stock is reserved', async () => {
    const sku = await stockedProduct(5);
    const outcomes = await Promise.all(
      Array.from({ length: 16 }, () => reserveStock({ ...reserve(randomUUID(), [{ sku, quantity: 1 }]), type: 'ReserveStock' })),
    );
    expect(outcomes.filter((outcome) => outcome?.type === 'StockReserved')).toHaveLength(5);
    expect(outcomes.filter((outcome) => outcome?.type === 'StockRejected')).toHaveLength(11);
    expect(await stockOf(sku)).toEqual({ available: 0, reserved: 5 });
  });
});

describe('settling a reservation', () => {
  const reserved = async (quantity: number) => {
    const sku = await stockedProduct(5);
    const orderId = randomUUID();
    await deliverBodies(handleStockRequest, [reserve(orderId, [{ sku, quantity }])]);
    await takeBodies(services.queues.stockResults);
    return { sku, orderId };
  };

  it('releases the stock of an unpaid order back to available, once', async () => {
    const { sku, orderId } = await reserved(2);
    expect(await deliverBodies(handleStockRequest, [{ type: 'ReleaseStock', orderId }, { type: 'ReleaseStock', orderId }])).toEqual([]);
    expect(await stockOf(sku)).toEqual({ available: 5, reserved: 0 });
  });

  it('lets the stock of a paid order go for good, once', async () => {
    const { sku, orderId } = await reserved(2);
    expect(await deliverBodies(handleStockRequest, [{ type: 'CommitStock', orderId }, { type: 'CommitStock', orderId }])).toEqual([]);
    expect(await stockOf(sku)).toEqual({ available: 3, reserved: 0 });
  });

  it('fails a request that contradicts the reservation, so it ends in the DLQ for a person to look at', async () => {
    const { sku, orderId } = await reserved(1);
    await deliverBodies(handleStockRequest, [{ type: 'CommitStock', orderId }]);
    expect(await deliverBodies(handleStockRequest, [{ type: 'ReleaseStock', orderId }, { type: 'CommitStock', orderId: randomUUID() }])).toEqual([0, 1]);
    expect(await stockOf(sku)).toEqual({ available: 4, reserved: 0 });
  });

  it('withdraws a reservation released before its request arrives: the late request reserves nothing and gets no answer', async () => {
    const sku = await stockedProduct(5);
    const orderId = randomUUID();
    expect(await deliverBodies(handleStockRequest, [{ type: 'ReleaseStock', orderId }, { type: 'ReleaseStock', orderId }])).toEqual([]);
    expect(await deliverBodies(handleStockRequest, [reserve(orderId, [{ sku, quantity: 2 }])])).toEqual([]);
    expect((await takeBodies(services.queues.stockResults, 0)).filter(({ body }) => body.orderId === orderId)).toEqual([]);
    expect(await stockOf(sku)).toEqual({ available: 5, reserved: 0 });
  });

  it('releases nothing for a rejected reservation, and does not fail', async () => {
    const sku = await stockedProduct(1);
    const orderId = randomUUID();
    await deliverBodies(handleStockRequest, [reserve(orderId, [{ sku, quantity: 2 }])]);
    expect((await takeBodies(services.queues.stockResults)).map(({ body }) => body.type)).toEqual(['StockRejected']);
    expect(await deliverBodies(handleStockRequest, [{ type: 'ReleaseStock', orderId }])).toEqual([]);
    expect(await stockOf(sku)).toEqual({ available: 1, reserved: 0 });
  });

  it('reports a malformed request as failed and handles the rest of the batch', async () => {
    const { sku, orderId } = await reserved(1);
    expect(await deliverBodies(handleStockRequest, [{ type: 'ReserveStock', orderId: 'nope' }, { type: 'CommitStock', orderId }])).toEqual([0]);
    expect(await stockOf(sku)).toEqual({ available: 4, reserved: 0 });
  });
});
