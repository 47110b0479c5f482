import { logger } from '#shared/powertools';
import { orders } from './orders';
import { cancelIfExpired } from './saga';

/**
 * The time a sweep sweeps as of: now, or the tick's scheduled time if that is later. On AWS a tick is
 * never scheduled after it arrives (a retried one arrives later), so a sweep there is as of now; the
 * local runtime's `runtime.schedules.runDue(at)` fires ticks scheduled ahead of the clock, and the
 * sweep then ends the orders that would be past their deadline at that time (decision 0055).
 */
export const sweepTime = (now: Date, scheduledTime: Date | undefined): Date =>
  scheduledTime && scheduledTime.getTime() > now.getTime() ? scheduledTime : now;

/** What one sweep did. */
export interface SweepReport {
  /** Orders past their deadline that the index listed. */
  readonly found: number;
  readonly cancelled: number;
  /** Orders that ended (or were cancelled by an overlapping sweep) between the index and the decision. */
  readonly alreadyEnded: number;
  /** Listed but not looked at: the sweep ran out of time. The next sweep takes them. */
  readonly deferred: number;
  readonly failed: number;
}

export interface SweepOptions {
  /** Most orders one sweep takes on; the next sweep (a minute later) takes the rest. */
  readonly limit: number;
  /** Orders cancelled at once. */
  readonly concurrency: number;
  /** Asked before each order: true once there is no time left to start another. */
  readonly outOfTime: () => boolean;
}

/**
 * Finds the orders still under way past their deadline, through the deadline index, and cancels each
 * (see `onDeadlinePassed`). Each is decided again on a strongly consistent read of the order, so an
 * order that ended meanwhile, or that an overlapping sweep cancelled, is left alone. One order that
 * cannot be cancelled does not hold up the others; the sweep then fails, so the function's error alarm
 * fires, and the next sweep tries again.
 */
export const sweepExpiredOrders = async (now: Date, options: SweepOptions): Promise<SweepReport> => {
  const expired = await orders().findExpired(now, options.limit);
  const counts = { cancelled: 0, alreadyEnded: 0, deferred: 0, failed: 0 };
  let next = 0;
  const worker = async () => {
    while (next < expired.length) {
      const { orderId, deadline } = expired[next++]!;
      if (options.outOfTime()) {
        counts.deferred++;
        continue;
      }
      try {
        const outcome = await cancelIfExpired(orderId, now);
        if (outcome.kind === 'advanced') {
          counts.cancelled++;
          logger.warn('Order cancelled: still under way at its deadline', { orderId, deadline, from: outcome.from.status });
        } else counts.alreadyEnded++;
      } catch (error) {
        counts.failed++;
        logger.error('Order past its deadline not cancelled; the next sweep tries again', { orderId, error: error as Error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, expired.length) }, worker));
  const report = { found: expired.length, ...counts };
  if (report.found > 0) logger.info('Swept orders past their deadline', { ...report });
  if (report.failed > 0) throw new Error(`${report.failed} of ${report.found} orders past their deadline could not be cancelled`);
  return report;
};
