import { callerOf } from '#shared/caller';
import { OrderService } from '#shared/gen/shop/v1/order_pb';
import { validate } from '#shared/http';
import { rpcHandler } from '#shared/rpc/rpc-handler';
import { orderMessage } from '../order-messages';
import { orderListing, ownOrders } from '../own-orders';

/** shop.v1.OrderService/ListOrders: GET /orders over Connect and gRPC-Web (0 and "" are protobuf's unset). */
export const handler = rpcHandler(OrderService.method.listOrders, async (request, { event }) => {
  const listing = validate(
    orderListing,
    { ...(request.pageSize !== 0 && { limit: request.pageSize }), ...(request.pageToken !== '' && { nextToken: request.pageToken }) },
    'message',
  );
  const page = await ownOrders(callerOf(event).userId, listing);
  return { orders: page.items.map(orderMessage), nextPageToken: page.nextToken ?? '' };
});
