import { handler as getProduct } from '../../../functions/inventory/handlers/get-product';
import { handler as handleStockRequest } from '../../../functions/inventory/handlers/handle-stock-request';
import { handler as getOrder } from '../../../functions/order/handlers/get-order';
import { handler as handlePaymentResult } from '../../../functions/order/handlers/handle-payment-result';
import { handler as placeOrder } from '../../../functions/order/handlers/place-order';
import { handler as sweepExpiredOrders } from '../../../functions/order/handlers/sweep-expired-orders';
import { cancelIfExpired } from '../../../functions/order/saga';
import { handler as getPayment } from '../../../functions/payment/handlers/get-payment';
import { invoke, lambdaContext } from '../support/http-event';
import { stockedProduct } from '../support/inventory-fixtures';
import { deadlineOf, pastItsDeadline } from '../support/order-deadlines';
import { deliverBodies, takeBodies } from '../support/queues';
import { sagaDriver } from '../support/saga-driver';
import { customer, prepareSagaServices, type SagaServices } from '../support/saga-services';

/*
 * Orders that never end by themselves: a message of theirs is lost (taken off its queue here, as a
 * message in a DLQ is), and the sweeper cancels them once their deadline has passed. The deadline is
 * moved into the past on the stored order, rather than waiting for it.
 */
let services: SagaServices;
let saga: ReturnType<typeof sagaDriver>;
beforeAll(async () => {
  services = await prepareSagaServices();
  saga = sagaDriver(services);
});

const userId = 'late-shopper';
const place = async (sku: string, quantity = 2) =>
  (await invoke(placeOrder, { method: 'POST', body: { lines: [{ sku, quantity }], paymentToken: 'tok_visa' }, claims: customer(userId) })).body.orderId as string;
const orderView = async (orderId: string) => (await invoke(getOrder, { pathParameters: { orderId }, claims: customer(userId) })).body;
const paymentOf = async (orderId: string) => (await invoke(getPayment, { pathParameters: { orderId }, claims: customer(userId) })).body;
const stockOf = async (sku: string) => {
  const { body } = await invoke(getProduct, { pathParameters: { sku }, claims: customer(userId) });
  return { available: body.available, reserved: body.reserved };
};
const lose = async (queue: keyof SagaServices['queues'], orderId: string) => {
  const taken = await takeBodies(services.queues[queue]);
  const lost = taken.filter(({ body }) => body.orderId === orderId).map(({ body }) => body);
  expect(lost.length).toBeGreaterThan(0);
  return lost;
};
const ageOrder = (orderId: string) => pastItsDeadline(services.tables.orders, orderId);
const sweep = (tick: object = {}) => sweepExpiredOrders(tick, lambdaContext()) as Promise<{ found: number; cancelled: number; alreadyEnded: number }>;

describe('the order deadline', () => {
  it('cancels an order whose reservation request was lost: nothing stays reserved, and the request, if it comes back, reserves nothing', async () => {
    const tea = await stockedProduct(5);
    const orderId = await place(tea);
    await saga.runUntilQuiet({ withhold: ['stockRequests'] });
    const [lostRequest] = await lose('stockRequests', orderId);
    await ageOrder(orderId);

    expect(await sweep()).toMatchObject({ cancelled: 1 });
    await saga.runUntilQuiet();
    expect(await orderView(orderId)).toMatchObject({ status: 'CANCELLED', reason: 'timed-out' });

    expect(await deliverBodies(handleStockRequest, [lostRequest])).toEqual([]); // redriven from its DLQ, after the cancellation
    await saga.runUntilQuiet();
    expect(await stockOf(tea)).toEqual({ available: 5, reserved: 0 });
    expect((await orderView(orderId)).status).toBe('CANCELLED');
  });

  it('cancels an order whose payment answer was lost: its stock is released and the captured payment refunded', async () => {
    const tea = await stockedProduct(5, 1000);
    const orderId = await place(tea);
    await saga.runUntilQuiet({ withhold: ['paymentResults'] });
    const [lostAnswer] = await lose('paymentResults', orderId);
    expect(await paymentOf(orderId)).toMatchObject({ status: 'CAPTURED' });
    expect(await stockOf(tea)).toEqual({ available: 3, reserved: 2 });
    await ageOrder(orderId);

    expect(await sweep()).toMatchObject({ cancelled: 1 });
    await saga.runUntilQuiet();
    expect(await orderView(orderId)).toMatchObject({ status: 'CANCELLED', reason: 'timed-out', totalCents: 2000 });
    expect(await stockOf(tea)).toEqual({ available: 5, reserved: 0 });
    expect(await paymentOf(orderId)).toMatchObject({ status: 'REFUNDED', amountCents: 2000 });

    // The capture's answer, when it arrives after all, changes nothing.
    expect(await deliverBodies(handlePaymentResult, [lostAnswer])).toEqual([]);
    await saga.runUntilQuiet();
    expect(await orderView(orderId)).toMatchObject({ status: 'CANCELLED' });
    expect(await stockOf(tea)).toEqual({ available: 5, reserved: 0 });
  });

  it('ends an order consistently when its result arrives while the sweeper cancels it: confirmed and charged, or cancelled and refunded', async () => {
    const tea = await stockedProduct(20, 500);
    const orderIds = await Promise.all(Array.from({ length: 6 }, () => place(tea, 1)));
    await saga.runUntilQuiet({ withhold: ['paymentResults'] });
    const answers = (await takeBodies(services.queues.paymentResults)).map(({ body }) => body);
    await Promise.all(orderIds.map((orderId) => ageOrder(orderId)));

    await Promise.all([sweep(), deliverBodies(handlePaymentResult, answers)]);
    await saga.runUntilQuiet();

    const ends = await Promise.all(orderIds.map(async (orderId) => [(await orderView(orderId)).status, (await paymentOf(orderId)).status]));
    for (const end of ends) expect([['CONFIRMED', 'CAPTURED'], ['CANCELLED', 'REFUNDED']]).toContainEqual(end);
    const confirmed = ends.filter(([status]) => status === 'CONFIRMED').length;
    expect(await stockOf(tea)).toEqual({ available: 20 - confirmed, reserved: 0 });
  });

  it('sweeps as of a tick scheduled ahead of the clock (the local runtime\'s runDue), and as of now for a tick from the past', async () => {
    const tea = await stockedProduct(5);
    const orderId = await place(tea, 1);
    await saga.runUntilQuiet({ withhold: ['stockRequests'] });
    await lose('stockRequests', orderId);
    const deadline = await deadlineOf(services.tables.orders, orderId);
    const asOf = (ms: number) => ({ scheduledTime: new Date(Date.parse(deadline) + ms).toISOString() });

    expect(await sweep({ scheduledTime: new Date(Date.now() - 60_000).toISOString() })).toMatchObject({ cancelled: 0 });
    expect(await sweep(asOf(-1_000))).toMatchObject({ cancelled: 0 });
    expect(await sweep(asOf(0))).toMatchObject({ cancelled: 1 });
    await saga.runUntilQuiet();
    // The cancellation is dated at the sweep's time: at the deadline, not before it.
    expect(await orderView(orderId)).toMatchObject({ status: 'CANCELLED', reason: 'timed-out', updatedAt: deadline });
    expect(await stockOf(tea)).toEqual({ available: 5, reserved: 0 });
  });

  it('leaves alone orders that ended in time and orders not yet due; sweeping again, or cancelling again, changes nothing', async () => {
    const tea = await stockedProduct(5);
    const [ended, due, notDue] = [await place(tea, 1), await place(tea, 1), await place(tea, 1)];
    await saga.runUntilQuiet({ withhold: ['stockRequests'] });
    for (const { body } of await takeBodies(services.queues.stockRequests)) if (body.orderId === ended) await deliverBodies(handleStockRequest, [body]);
    await saga.runUntilQuiet();
    expect((await orderView(ended)).status).toBe('CONFIRMED');
    await ageOrder(due);

    expect(await sweep()).toEqual({ found: 1, cancelled: 1, alreadyEnded: 0, deferred: 0, failed: 0 });
    expect(await sweep()).toEqual({ found: 0, cancelled: 0, alreadyEnded: 0, deferred: 0, failed: 0 });
    expect(await cancelIfExpired(due, new Date())).toEqual({ kind: 'duplicate' });
    expect(await cancelIfExpired(ended, new Date())).toEqual({ kind: 'duplicate' });
    expect(await cancelIfExpired(notDue, new Date())).toEqual({ kind: 'not-due' });
    await saga.runUntilQuiet();
    expect((await orderView(due)).status).toBe('CANCELLED');
    expect((await orderView(notDue)).status).toBe('PENDING');
    expect(await stockOf(tea)).toEqual({ available: 4, reserved: 0 });
  });
});
