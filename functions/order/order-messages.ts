import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { type OrderSchema, OrderStatus } from '#shared/gen/shop/v1/order_pb';
import type { viewOf } from './order-view';

type OrderView = ReturnType<typeof viewOf>;

/**
 * An order as the RPC calls show it: the same view as REST's, in protobuf terms. The enum's values are
 * the domain's status names, so a status the proto does not have yet fails to compile here.
 */
export const orderMessage = (view: OrderView): MessageInitShape<typeof OrderSchema> => ({
  orderId: view.orderId,
  status: OrderStatus[view.status],
  lines: view.lines.map((line) => ({
    sku: line.sku,
    quantity: line.quantity,
    ...(line.priceCents !== undefined && { priceCents: BigInt(line.priceCents) }),
  })),
  ...(view.totalCents !== undefined && { totalCents: BigInt(view.totalCents) }),
  ...(view.reason !== undefined && { reason: view.reason }),
  createdAt: timestampFromDate(new Date(view.createdAt)),
  updatedAt: timestampFromDate(new Date(view.updatedAt)),
});
