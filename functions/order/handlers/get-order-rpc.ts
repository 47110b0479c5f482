import { callerOf } from '#shared/caller';
import { OrderService } from '#shared/gen/shop/v1/order_pb';
import { validate } from '#shared/http';
import { rpcHandler } from '#shared/rpc/rpc-handler';
import { orderIdPath } from '#shared/schemas';
import { orderMessage } from '../order-messages';
import { ownOrder } from '../own-orders';

/** shop.v1.OrderService/GetOrder: GET /orders/{orderId} over Connect and gRPC-Web. */
export const handler = rpcHandler(OrderService.method.getOrder, async (request, { event }) => {
  const { orderId } = validate(orderIdPath, { orderId: request.orderId }, 'message');
  return orderMessage(await ownOrder(callerOf(event).userId, orderId));
});
