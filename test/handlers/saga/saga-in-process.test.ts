import { handler as getProduct } from '../../../functions/inventory/handlers/get-product';
import { handler as getOrder } from '../../../functions/order/handlers/get-order';
import { handler as placeOrder } from '../../../functions/order/handlers/place-order';
import { handler as getPayment } from '../../../functions/payment/handlers/get-payment';
import { invoke } from '../support/http-event';
import { stockedProduct, uniqueSku } from '../support/inventory-fixtures';
import { sagaDriver } from '../support/saga-driver';
import { customer, prepareSagaServices } from '../support/saga-services';

let runSagaUntilQuiet: () => Promise<void>;
beforeAll(async () => {
  ({ runUntilQuiet: runSagaUntilQuiet } = sagaDriver(await prepareSagaServices()));
});

const userId = 'shopper';
const place = async (lines: { sku: string; quantity: number }[], paymentToken = 'tok_visa') =>
  (await invoke(placeOrder, { method: 'POST', body: { lines, paymentToken }, claims: customer(userId) })).body.orderId as string;
const orderView = async (orderId: string) => (await invoke(getOrder, { pathParameters: { orderId }, claims: customer(userId) })).body;
const stockOf = async (sku: string) => {
  const { body } = await invoke(getProduct, { pathParameters: { sku }, claims: customer(userId) });
  return { available: body.available, reserved: body.reserved };
};
const paymentOf = (orderId: string) => invoke(getPayment, { pathParameters: { orderId }, claims: customer(userId) });

describe('the order saga, in process', () => {
  it('confirms a paid order: stock taken, payment captured', async () => {
    const [tea, cup] = [await stockedProduct(10, 1200), await stockedProduct(3, 450)];
    const orderId = await place([{ sku: tea, quantity: 2 }, { sku: cup, quantity: 3 }]);
    await runSagaUntilQuiet();
    expect(await orderView(orderId)).toMatchObject({ status: 'CONFIRMED', totalCents: 2 * 1200 + 3 * 450 });
    expect(await stockOf(tea)).toEqual({ available: 8, reserved: 0 });
    expect(await stockOf(cup)).toEqual({ available: 0, reserved: 0 });
    expect((await paymentOf(orderId)).body).toMatchObject({ status: 'CAPTURED', amountCents: 3750, attempts: 1 });
  });

  it('rejects an order for too much stock or an unknown SKU, and charges nothing', async () => {
    const tea = await stockedProduct(1);
    const tooMuch = await place([{ sku: tea, quantity: 2 }]);
    const unknown = await place([{ sku: uniqueSku(), quantity: 1 }]);
    await runSagaUntilQuiet();
    expect(await orderView(tooMuch)).toMatchObject({ status: 'REJECTED', reason: 'insufficient-stock' });
    expect(await orderView(unknown)).toMatchObject({ status: 'REJECTED', reason: 'unknown-sku' });
    expect((await paymentOf(tooMuch)).status).toBe(404);
    expect(await stockOf(tea)).toEqual({ available: 1, reserved: 0 });
  });

  it('fails an order whose payment is declined, and puts its stock back', async () => {
    const tea = await stockedProduct(4);
    const orderId = await place([{ sku: tea, quantity: 3 }], 'tok_chargeDeclined');
    await runSagaUntilQuiet();
    expect(await orderView(orderId)).toMatchObject({ status: 'PAYMENT_FAILED', reason: 'card-declined' });
    expect(await stockOf(tea)).toEqual({ available: 4, reserved: 0 });
    expect((await paymentOf(orderId)).body).toMatchObject({ status: 'DECLINED' });
  });
});
