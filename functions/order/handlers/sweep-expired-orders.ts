import { scheduledTask } from '#shared/scheduled-task';
import { sweepExpiredOrders } from '../deadlines';

/** Stop starting cancellations this long before the invocation's time is up. */
const reserveMs = 5_000;

/** Runs every minute: cancels the orders still under way past their deadline. */
export const handler = scheduledTask((context) =>
  sweepExpiredOrders(new Date(), { limit: 1_000, concurrency: 8, outOfTime: () => context.getRemainingTimeInMillis() < reserveMs }),
);
