import { callerOf } from '#shared/caller';
import { OrderService, OrderStatus } from '#shared/gen/shop/v1/order_pb';
import { validate } from '#shared/http';
import { currentCorrelationId } from '#shared/powertools';
import { rpcHandler } from '#shared/rpc/rpc-handler';
import { checkout } from '../checkout';
import { idempotencyKeyOf, orderRequest } from '../order-request';

/** shop.v1.OrderService/PlaceOrder: POST /orders over Connect and gRPC-Web, the idempotency key in the message. */
export const handler = rpcHandler(OrderService.method.placeOrder, async (request, { event }) => {
  const order = validate(
    orderRequest,
    { lines: request.lines.map(({ sku, quantity }) => ({ sku, quantity })), paymentToken: request.paymentToken },
    'message',
  );
  const idempotencyKey = idempotencyKeyOf(request.idempotencyKey === '' ? undefined : request.idempotencyKey);
  const { orderId, replayed } = await checkout(callerOf(event).userId, order, currentCorrelationId(), idempotencyKey);
  return { orderId, status: OrderStatus.PENDING, replayed };
});
