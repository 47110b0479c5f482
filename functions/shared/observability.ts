import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger, metrics, tracer } from './powertools';

/**
 * Publishes what an invocation recorded, and a ColdStart metric on the first one. Powertools'
 * logMetrics would warn on every invocation that recorded nothing, which is most of them.
 */
const publishMetrics = (): MiddlewareObj<unknown, unknown, Error, Context> => {
  const publish = () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return {
    before: ({ context }) => metrics.captureColdStartMetric(context.functionName),
    after: publish,
    onError: publish,
  };
};

/**
 * What every handler is wrapped in, outermost first: an X-Ray subsegment for the invocation (without
 * its response, which may hold an access token), the Lambda context and cold-start flag on every log
 * line (never the event itself, which holds passwords and tokens), and the invocation's metrics.
 */
export const observability = () => [
  captureLambdaHandler(tracer, { captureResponse: false }),
  injectLambdaContext(logger, { resetKeys: true, logEvent: false }),
  publishMetrics(),
];

/** The annotation X-Ray indexes: find every trace of one order with `annotation.correlation_id = "<id>"`. */
const correlationIdAnnotation = 'correlation_id';

/** Names the request being handled in the invocation's trace. */
export const annotateTrace = (correlationId: string): void => tracer.putAnnotation(correlationIdAnnotation, correlationId);

/**
 * Handles one record of a batch in a subsegment of its own, annotated with the record's correlation
 * id: a batch carries records of many orders, and a subsegment can name one.
 */
export const traceRecord = async <T>(correlationId: string, handle: () => Promise<T>): Promise<T> => {
  if (!tracer.isTracingEnabled()) return handle();
  const parent = tracer.getSegment();
  if (!parent) return handle();
  const subsegment = parent.addNewSubsegment('## record');
  tracer.setSegment(subsegment);
  subsegment.addAnnotation(correlationIdAnnotation, correlationId);
  try {
    return await handle();
  } catch (error) {
    subsegment.addError(error as Error);
    throw error;
  } finally {
    subsegment.close();
    tracer.setSegment(parent);
  }
};
