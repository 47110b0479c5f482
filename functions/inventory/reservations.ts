import type { ReserveStock, StockResult } from '#shared/contracts/stock';
import { logger } from '#shared/powertools';
import { planReservation, type Reservation, resultOf, type Settlement, settlementOf } from './domain/reservation';
import { inventory } from './inventory';

/*
 * Each step re-reads what it decides on and writes on the condition that it has not changed, so
 * concurrent and redelivered requests for one order, and reservations racing for one SKU, end in one
 * consistent outcome. A step that keeps losing races fails, and its message is retried later.
 */
const attemptsPerMessage = 5;

/**
 * Reserves every line of an order, or rejects the order; a redelivered request gets the same answer.
 * A request whose reservation was released before it arrived (withdrawn) reserves nothing and has no answer.
 */
export const reserveStock = async ({ orderId, lines }: ReserveStock): Promise<StockResult | undefined> => {
  const store = inventory();
  for (let attempt = 1; attempt <= attemptsPerMessage; attempt++) {
    const decided = await store.getReservation(orderId);
    if (decided?.status === 'WITHDRAWN') {
      logger.warn('Reservation request arrived after its release; nothing reserved, no answer', { orderId });
      return undefined;
    }
    if (decided) {
      logger.info('Reservation request seen before; answering as then', { orderId, status: decided.status });
      return resultOf(decided);
    }
    const plan = planReservation(lines, await store.getStockLevels(lines.map((line) => line.sku)));
    const now = new Date();
    if (plan.kind === 'reject') {
      if ((await store.recordRejection(orderId, plan.reason, plan.skus, now)) === 'recorded') {
        logger.info('Reservation rejected', { orderId, reason: plan.reason, skus: plan.skus });
        return resultOf({ orderId, status: 'REJECTED', reason: plan.reason, skus: plan.skus });
      }
    } else if ((await store.reserve(orderId, plan.lines, now)) === 'reserved') {
      logger.info('Stock reserved', { orderId, lines: plan.lines });
      return resultOf({ orderId, status: 'RESERVED', lines: plan.lines } satisfies Reservation);
    }
  }
  throw new Error(`Stock for order ${orderId} kept changing during ${attemptsPerMessage} reservation attempts`);
};

/** Releases (payment failed, order cancelled) or commits (order paid) an order's reservation, once. */
export const settleReservation = async (orderId: string, to: Settlement): Promise<void> => {
  const store = inventory();
  for (let attempt = 1; attempt <= attemptsPerMessage; attempt++) {
    const settlement = settlementOf(orderId, await store.getReservation(orderId), to);
    if (settlement.kind === 'already-settled') {
      logger.info('Reservation already settled', { orderId, status: to });
      return;
    }
    if (settlement.kind === 'withdraw') {
      if ((await store.withdraw(orderId, new Date())) === 'withdrawn') {
        logger.warn('Reservation released before it was made: withdrawn', { orderId });
        return;
      }
      continue; // the reservation was decided meanwhile: settle what it became
    }
    if ((await store.settle(orderId, settlement.lines, to, new Date())) === 'settled') {
      logger.info('Reservation settled', { orderId, status: to });
      return;
    }
  }
  throw new Error(`Order ${orderId}'s reservation kept changing while marking it ${to}`);
};
