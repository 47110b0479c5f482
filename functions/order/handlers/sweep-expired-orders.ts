import { scheduledTask } from '#shared/scheduled-task';
import { sweepExpiredOrders, sweepTime } from '../deadlines';

/** Stop starting cancellations this long before the invocation's time is up. */
const reserveMs = 5_000;

/** Runs every minute: cancels the orders still under way past their deadline, as of the tick's time (see `sweepTime`). */
export const handler = scheduledTask((tick, context) =>
  sweepExpiredOrders(sweepTime(new Date(), tick.scheduledTime), {
    limit: 1_000,
    concurrency: 8,
    outOfTime: () => context.getRemainingTimeInMillis() < reserveMs,
  }),
);
