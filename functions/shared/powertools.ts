import { Logger } from '@aws-lambda-powertools/logger';

/** One Logger per execution environment; its service name comes from POWERTOOLS_SERVICE_NAME. */
export const logger = new Logger();
