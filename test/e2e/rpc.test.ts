import { randomUUID } from 'node:crypto';
import { toJson } from '@bufbuild/protobuf';
import { Code, ConnectError } from '@connectrpc/connect';
import { OrderSchema, OrderStatus } from '../../functions/shared/gen/shop/v1/order_pb';
import { api, expectStatus } from './support/api-client';
import { forgedPageTokens } from './support/forged-page-tokens';
import { checkedRequest } from './support/openapi-contract';
import { type RpcTransportName, rpcClients, rpcTransports } from './support/rpc-clients';
import { adminCredentials, apiUrl } from './support/target';
import { login, signedInUser } from './support/users';

/*
 * The seed's gRPC calls (UserService.GetUser, OrderService.GetOrder) and the rest of OrderService, over
 * the Connect protocol in JSON and binary and over gRPC-Web, with @connectrpc/connect-node clients
 * through the gateway and its JWT authorizer, as a client of the deployed API would call them.
 */

const codeOf = async (call: Promise<unknown>): Promise<{ code: Code; message: string }> => {
  try {
    await call;
  } catch (error) {
    const { code, rawMessage } = ConnectError.from(error);
    return { code, message: rawMessage };
  }
  throw new Error('The call succeeded');
};

let ann: Awaited<ReturnType<typeof signedInUser>>;
let bob: Awaited<ReturnType<typeof signedInUser>>;
let admin: string;
beforeAll(async () => {
  [ann, bob] = await Promise.all([signedInUser(), signedInUser()]);
  admin = await login(adminCredentials().email, adminCredentials().password);
});

describe.each(Object.keys(rpcTransports) as RpcTransportName[])('over %s', (transport) => {
  it('GetUser: a caller gets themselves, as /users/me shows them', async () => {
    const user = await rpcClients(transport, ann.token).users.getUser({ userId: ann.user.userId });
    const me = await expectStatus(200, api(ann.token).GET('/users/me'));
    expect({ userId: user.userId, email: user.email, name: user.name, roles: user.roles }).toEqual({ userId: me.userId, email: me.email, name: me.name, roles: me.roles });
    expect(user.createdAt && new Date(Number(user.createdAt.seconds) * 1000 + user.createdAt.nanos / 1e6).toISOString()).toBe(me.createdAt);
  });

  it("GetUser: another user's profile is not_found, like a missing one; an admin gets anyone", async () => {
    const { users } = rpcClients(transport, ann.token);
    expect(await codeOf(users.getUser({ userId: bob.user.userId }))).toMatchObject({ code: Code.NotFound });
    expect(await codeOf(users.getUser({ userId: randomUUID() }))).toMatchObject({ code: Code.NotFound });
    expect((await rpcClients(transport, admin).users.getUser({ userId: bob.user.userId })).email).toBe(bob.user.email);
  });

  it('PlaceOrder, GetOrder, ListOrders: the order REST shows, placed once per idempotency key', async () => {
    const { orders } = rpcClients(transport, ann.token);
    const request = { lines: [{ sku: `RPC-${randomUUID().slice(0, 8)}`, quantity: 2 }], paymentToken: 'tok_visa', idempotencyKey: randomUUID() };
    const placed = await orders.placeOrder(request);
    expect(placed).toMatchObject({ status: OrderStatus.PENDING, replayed: false });
    expect(await orders.placeOrder(request)).toMatchObject({ orderId: placed.orderId, replayed: true });
    expect(await codeOf(orders.placeOrder({ ...request, paymentToken: 'tok_other' }))).toMatchObject({ code: Code.FailedPrecondition });

    const order = await orders.getOrder({ orderId: placed.orderId });
    const rest = await expectStatus(200, api(ann.token).GET('/orders/{orderId}', { params: { path: { orderId: placed.orderId } } }));
    // Read one after the other, the saga may have moved the order on in between: compare what it was placed with.
    expect(toJson(OrderSchema, order)).toMatchObject({ orderId: rest.orderId, lines: [{ sku: request.lines[0]!.sku, quantity: 2 }], createdAt: rest.createdAt });

    const page = await orders.listOrders({ pageSize: 100 });
    expect(page.orders.map((listed) => listed.orderId)).toContain(placed.orderId);
    expect(await codeOf(rpcClients(transport, bob.token).orders.getOrder({ orderId: placed.orderId }))).toMatchObject({ code: Code.NotFound });
  });

  it('answers an invalid message invalid_argument, naming the field', async () => {
    const { orders } = rpcClients(transport, ann.token);
    expect(await codeOf(orders.getOrder({ orderId: 'not-an-id' }))).toEqual({ code: Code.InvalidArgument, message: expect.stringContaining('/orderId') });
    expect(await codeOf(orders.placeOrder({ lines: [], paymentToken: 'tok_visa' }))).toEqual({ code: Code.InvalidArgument, message: expect.stringContaining('/lines') });
    expect(await codeOf(orders.listOrders({ pageSize: 1000 }))).toEqual({ code: Code.InvalidArgument, message: expect.stringContaining('/limit') });
  });

  it('ListOrders answers a page token it did not issue, or issued to someone else, invalid_argument', async () => {
    const shopper = await signedInUser();
    const { orders } = rpcClients(transport, shopper.token);
    for (const n of [1, 2]) await orders.placeOrder({ lines: [{ sku: `RPC-PAGE-${n}`, quantity: 1 }], paymentToken: 'tok_visa' });
    const genuine = (await orders.listOrders({ pageSize: 1 })).nextPageToken;
    expect((await orders.listOrders({ pageSize: 1, pageToken: genuine })).orders).toHaveLength(1);
    for (const [name, pageToken] of forgedPageTokens('GET /orders', genuine, shopper.user.userId)) {
      expect({ name, ...(await codeOf(orders.listOrders({ pageSize: 1, pageToken }))) }).toEqual({ name, code: Code.InvalidArgument, message: expect.stringContaining('nextToken') });
    }
    expect(await codeOf(rpcClients(transport, ann.token).orders.listOrders({ pageToken: genuine }))).toMatchObject({ code: Code.InvalidArgument });
  });

  it('is unauthenticated without a token: the gateway refuses before any function runs', async () => {
    expect(await codeOf(rpcClients(transport).users.getUser({ userId: ann.user.userId }))).toMatchObject({ code: Code.Unauthenticated });
  });
});

describe('the RPC routes over plain HTTP', () => {
  const rpc = (path: string, options: Parameters<typeof checkedRequest>[3]) => checkedRequest<Record<string, unknown>>(apiUrl(), 'POST', path, options);

  it('take a Connect JSON call as any HTTP client sends it (curl)', async () => {
    const answer = await rpc('/shop.v1.UserService/GetUser', { token: ann.token, body: { userId: ann.user.userId } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ userId: ann.user.userId, email: ann.user.email, roles: ['customer'] });
  });

  it("answer a Connect error as JSON with the error's code", async () => {
    const answer = await rpc('/shop.v1.OrderService/GetOrder', { token: ann.token, body: { orderId: randomUUID() } });
    expect(answer).toMatchObject({ status: 404, body: { code: 'not_found' } });
  });

  it('answer 401 from the gateway without a token', async () => {
    expect(await rpc('/shop.v1.OrderService/GetOrder', { body: { orderId: randomUUID() } })).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
  });

  it('do not offer gRPC itself, which needs HTTP/2 trailers end to end: 415', async () => {
    const answer = await rpc('/shop.v1.OrderService/GetOrder', { token: ann.token, body: Buffer.from([0, 0, 0, 0, 0]), headers: { 'content-type': 'application/grpc' } });
    expect(answer.status).toBe(415);
  });
});
