import type { PaymentResult } from '#shared/contracts/payment';
import type { StockResult } from '#shared/contracts/stock';
import { logger } from '#shared/powertools';
import { type Order, onDeadlinePassed, onPaymentResult, onStockResult, type Transition } from './domain/order';
import { countOrderReaching } from './order-metrics';
import { orders } from './orders';

const attemptsPerMessage = 3;

/** What became of an order on an event: it moved on, or it was left as it was (and why). */
export type Outcome = { readonly kind: 'advanced'; readonly from: Order } | { readonly kind: 'duplicate' | 'late' | 'not-due' };

const unchanged = {
  duplicate: 'Result seen before; nothing to do',
  late: 'Result for an order that was cancelled meanwhile; nothing to do',
  'not-due': 'Deadline not passed; nothing to do',
} as const;

/**
 * Moves an order on by one event: a result from another service, or its deadline passing. The write
 * is conditional on the state the decision was made in; if a concurrent event got there first, the
 * decision is made again on the new state (a result arriving while the sweeper cancels the order is
 * then late, and a deadline passing after the order ended changes nothing).
 */
const advanceOrder = async (
  orderId: string,
  event: string,
  decide: (order: Order, now: Date) => Transition,
): Promise<Outcome> => {
  const store = orders();
  for (let attempt = 1; attempt <= attemptsPerMessage; attempt++) {
    const order = await store.get(orderId);
    if (!order) throw new Error(`${event} names order ${orderId}, which does not exist`);
    const transition = decide(order, new Date());
    if (transition.kind !== 'advance') {
      logger.info(unchanged[transition.kind], { orderId, event, status: order.status });
      return { kind: transition.kind };
    }
    if ((await store.advance(transition.order, order.status, transition.messages)) === 'advanced') {
      logger.info('Order advanced', {
        orderId,
        event,
        from: order.status,
        to: transition.order.status,
        next: transition.messages.map((message) => message.type),
      });
      countOrderReaching(transition.order.status);
      return { kind: 'advanced', from: order };
    }
  }
  throw new Error(`Order ${orderId} kept changing while applying ${event}`);
};

export const applyStockResult = async (result: StockResult): Promise<void> => {
  await advanceOrder(result.orderId, result.type, (order, now) => onStockResult(order, result, now));
};

export const applyPaymentResult = async (result: PaymentResult): Promise<void> => {
  await advanceOrder(result.orderId, result.type, (order, now) => onPaymentResult(order, result, now));
};

/** Cancels the order if it is still under way past its deadline at `asOf` (the sweep's time). */
export const cancelIfExpired = (orderId: string, asOf: Date) =>
  advanceOrder(orderId, 'DeadlinePassed', (order) => onDeadlinePassed(order, asOf));
