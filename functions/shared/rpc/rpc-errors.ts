import { Code, ConnectError } from '@connectrpc/connect';
import { logger } from '../powertools';
import { Problem } from '../problem';

/** The Connect code for each HTTP status a Problem can have; anything else is an internal error. */
const codeOfStatus: Record<number, Code> = {
  400: Code.InvalidArgument,
  401: Code.Unauthenticated,
  403: Code.PermissionDenied,
  404: Code.NotFound,
  409: Code.AlreadyExists,
  413: Code.ResourceExhausted,
  415: Code.InvalidArgument,
  // The application's 422s refuse a request the state does not allow (an idempotency key reused for another order).
  422: Code.FailedPrecondition,
  429: Code.ResourceExhausted,
  503: Code.Unavailable,
};

/**
 * A domain or validation failure as a Connect error, with the words the REST answer would have
 * (a 400's invalid fields included). Anything that is not a Problem is logged and becomes an opaque
 * `internal` error: as for REST, only a Problem's own words reach the caller.
 */
export const connectErrorOf = (error: unknown): ConnectError => {
  if (error instanceof ConnectError) return error;
  const code = error instanceof Problem ? codeOfStatus[error.status] : undefined;
  if (!(error instanceof Problem) || code === undefined) {
    logger.error('Call failed', error as Error);
    return new ConnectError('internal error', Code.Internal);
  }
  logger.info('Call rejected', { status: error.status, detail: error.detail });
  const fields = (error.errors ?? []).map(({ pointer, detail }) => `${pointer.replace(/^#/, '')}: ${detail}`);
  return new ConnectError([error.detail ?? error.title, ...fields].join(' '), code);
};
