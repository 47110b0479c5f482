import './verbose-powertools';
import { randomUUID } from 'node:crypto';
import { handler as placeOrder } from '../../../functions/order/handlers/place-order';
import { DynamoDbOrderStore } from '../../../functions/order/store-dynamodb';
import { handler as handlePaymentRequest } from '../../../functions/payment/handlers/handle-payment-request';
import { handler as getMe } from '../../../functions/user/handlers/get-me';
import { handler as login } from '../../../functions/user/handlers/login';
import { handler as register } from '../../../functions/user/handlers/register';
import { userSettings } from '../../../functions/user/settings';
import { captureOutput, logLines } from '../support/captured-output';
import { invoke } from '../support/http-event';
import { deliverBodies } from '../support/queues';
import { prepareSagaServices, type SagaServices } from '../support/saga-services';
import { prepareUserService } from '../user/user-environment';

/*
 * The handlers' real log output, at DEBUG and with event logging asked for, through requests and
 * messages that carry every kind of secret, on their happy and their error paths: no secret may
 * appear in any line.
 */
let services: SagaServices;
beforeAll(async () => {
  await prepareUserService();
  userSettings(); // read now: the saga services' setup points TABLE_NAME elsewhere
  services = await prepareSagaServices();
});

const email = `secretive.${randomUUID()}@example.test`;
const password = `pw-${randomUUID()}`;
const wrongPassword = `wrong-${randomUUID()}`;
const shortPassword = `short${randomUUID().slice(0, 5)}`;
const paymentToken = `tok_${randomUUID().replace(/-/g, '')}`;
let accessToken = '';

const captured: string[] = [];
const whileCapturing = async <T>(run: () => Promise<T>): Promise<T> => {
  let result: T;
  captured.push(...(await captureOutput(async () => (result = await run()))));
  return result!;
};

describe('secrets in requests and messages', () => {
  it('go through registration and login, failures included', async () => {
    const body = { email, password, name: 'Secretive' };
    expect((await whileCapturing(() => invoke(register, { method: 'POST', body }))).status).toBe(201);
    expect((await whileCapturing(() => invoke(register, { method: 'POST', body }))).status).toBe(409);
    expect((await whileCapturing(() => invoke(register, { method: 'POST', body: { ...body, password: shortPassword } }))).status).toBe(400);
    expect((await whileCapturing(() => invoke(login, { method: 'POST', body: { email, password: wrongPassword } }))).status).toBe(401);
    const loggedIn = await whileCapturing(() => invoke(login, { method: 'POST', body: { email, password } }));
    expect(loggedIn.status).toBe(200);
    accessToken = loggedIn.body.accessToken;
  });

  it('go through requests that carry the access token', async () => {
    const headers = { authorization: `Bearer ${accessToken}` };
    const claims = { sub: 'no-such-user', roles: '[customer]' };
    expect((await whileCapturing(() => invoke(getMe, { headers, claims }))).status).toBe(404);
    const order = { lines: [{ sku: 'TEA-01', quantity: 1 }], paymentToken };
    expect((await whileCapturing(() => invoke(placeOrder, { method: 'POST', headers, claims, body: order }))).status).toBe(202);
    expect((await whileCapturing(() => invoke(placeOrder, { method: 'POST', headers, claims, body: { ...order, lines: [] } }))).status).toBe(400);
    const outage = jest.spyOn(DynamoDbOrderStore.prototype, 'place').mockRejectedValueOnce(new Error('The table is unavailable'));
    expect((await whileCapturing(() => invoke(placeOrder, { method: 'POST', headers, claims, body: order }))).status).toBe(500);
    expect(outage).toHaveBeenCalled();
  });

  it('go through payment requests, the malformed one included', async () => {
    const capture = {
      type: 'CapturePayment',
      orderId: randomUUID(),
      userId: 'secretive',
      amountCents: 1200,
      paymentToken,
      replyTo: services.queues.paymentResults,
      requestedAt: new Date().toISOString(),
    };
    expect(await whileCapturing(() => deliverBodies(handlePaymentRequest, [capture]))).toEqual([]);
    expect(await whileCapturing(() => deliverBodies(handlePaymentRequest, [{ ...capture, amountCents: -1 }]))).toEqual([0]);
  });

  it('never reach a log line', () => {
    const logs = logLines(captured);
    // The error paths above were logged, so there was something to leak.
    expect(logs.map((line) => line.message)).toEqual(expect.arrayContaining(['Request rejected', 'Request failed', 'Record failed; it goes back for a retry']));
    expect(accessToken).toMatch(/^eyJ/);
    const output = captured.join('\n');
    for (const secret of [password, wrongPassword, shortPassword, accessToken, paymentToken]) expect(output).not.toContain(secret);
    expect(output).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });
});
