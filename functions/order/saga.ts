import type { PaymentResult } from '#shared/contracts/payment';
import type { StockResult } from '#shared/contracts/stock';
import { logger } from '#shared/powertools';
import { type Order, onPaymentResult, onStockResult, type Transition } from './domain/order';
import { countOrderReaching } from './order-metrics';
import { orders } from './orders';

const attemptsPerMessage = 3;

/**
 * Moves an order on by one result from another service. The write is conditional on the state the
 * decision was made in; if a concurrent delivery of the same result got there first, the decision is
 * made again on the new state (and is then a duplicate).
 */
const advanceOrder = async (orderId: string, event: string, decide: (order: Order, now: Date) => Transition): Promise<void> => {
  const store = orders();
  for (let attempt = 1; attempt <= attemptsPerMessage; attempt++) {
    const order = await store.get(orderId);
    if (!order) throw new Error(`${event} names order ${orderId}, which does not exist`);
    const transition = decide(order, new Date());
    if (transition.kind === 'duplicate') {
      logger.info('Result seen before; nothing to do', { orderId, event, status: order.status });
      return;
    }
    if ((await store.advance(transition.order, order.status, transition.message)) === 'advanced') {
      logger.info('Order advanced', { orderId, event, from: order.status, to: transition.order.status, next: transition.message?.type });
      countOrderReaching(transition.order.status);
      return;
    }
  }
  throw new Error(`Order ${orderId} kept changing while applying ${event}`);
};

export const applyStockResult = (result: StockResult) =>
  advanceOrder(result.orderId, result.type, (order, now) => onStockResult(order, result, now));

export const applyPaymentResult = (result: PaymentResult) =>
  advanceOrder(result.orderId, result.type, (order, now) => onPaymentResult(order, result, now));
