import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { observability } from './observability';

/**
 * A Lambda handler run by a schedule (EventBridge Scheduler): the same logging, tracing and metrics as
 * every other handler. The event says nothing the task needs (it is a tick); the task gets the
 * invocation's context, to watch its remaining time.
 */
export const scheduledTask = <T>(run: (context: Context) => Promise<T>) =>
  middy(async (_event: unknown, context: Context) => run(context)).use(observability());
