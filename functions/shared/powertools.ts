import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { redactSecrets } from './redaction';

/*
 * One of each per execution environment. The service name comes from POWERTOOLS_SERVICE_NAME and the
 * metrics namespace from POWERTOOLS_METRICS_NAMESPACE, both set by the ServiceFunction construct.
 */

/** JSON log lines, with passwords and tokens redacted from whatever is logged. */
export const logger = new Logger({ jsonReplacerFn: redactSecrets });

/** CloudWatch metrics in the embedded metric format, written to stdout beside the logs. */
export const metrics = new Metrics({ logger });

/** X-Ray; records nothing outside Lambda (tests), or when POWERTOOLS_TRACE_ENABLED=false. */
export const tracer = new Tracer();

/** The correlation id of the request or record being handled (the shared middleware sets it first). */
export const currentCorrelationId = (): string => {
  const id = logger.getCorrelationId();
  if (typeof id !== 'string') throw new Error('No correlation id is set: is the handler wrapped by httpRoute or a batch consumer?');
  return id;
};
