import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { observability } from './observability';

/** What a tick says: the time it was scheduled for, when its schedule sends it (`<aws.scheduler.scheduled-time>`). */
export interface Tick {
  readonly scheduledTime?: Date;
}

const tickOf = (event: unknown): Tick => {
  const text = (event as { scheduledTime?: unknown } | null)?.scheduledTime;
  const time = typeof text === 'string' ? new Date(text) : undefined;
  return time && !Number.isNaN(time.getTime()) ? { scheduledTime: time } : {};
};

/**
 * A Lambda handler run by a schedule (EventBridge Scheduler): the same logging, tracing and metrics as
 * every other handler. The task gets the tick (its scheduled time, if the event carries a valid one)
 * and the invocation's context, to watch its remaining time.
 */
export const scheduledTask = <T>(run: (tick: Tick, context: Context) => Promise<T>) =>
  middy(async (event: unknown, context: Context) => run(tickOf(event), context)).use(observability());
