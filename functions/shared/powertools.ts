import { Logger } from '@aws-lambda-powertools/logger';

/** One Logger per execution environment; its service name comes from POWERTOOLS_SERVICE_NAME. */
export const logger = new Logger();

/** The correlation id of the request or record being handled (the shared middleware sets it first). */
export const currentCorrelationId = (): string => {
  const id = logger.getCorrelationId();
  if (typeof id !== 'string') throw new Error('No correlation id is set: is the handler wrapped by httpRoute or a batch consumer?');
  return id;
};
