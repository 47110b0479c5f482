import { type AttributeValue, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { backoffDelayMs, sleep } from './backoff';

/**
 * Why DynamoDB cancelled a transaction, one entry per item in request order ('None' for items that
 * were fine, 'ConditionalCheckFailed', 'TransactionConflict', ...), with the item as it was when
 * `ReturnValuesOnConditionCheckFailure` asked for it.
 */
export interface Cancellation {
  readonly codes: readonly string[];
  readonly items: readonly (Record<string, unknown> | undefined)[];
}

export const cancellationOf = (error: unknown): Cancellation | undefined => {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const reasons = error.CancellationReasons ?? [];
  return {
    codes: reasons.map((reason) => reason.Code ?? 'None'),
    // The document client does not unmarshall the items of an error.
    items: reasons.map((reason) => reason.Item && unmarshall(reason.Item as Record<string, AttributeValue>)),
  };
};

const conflictBackoff = { baseDelayMs: 20, maxDelayMs: 400 };

/** Reasons that leave nothing written and pass: another transaction on the same items, or an item's table throttled. */
const passingReasons = new Set(['TransactionConflict', 'ThrottlingError']);

/** A transaction cancelled for passing reasons only: the same transaction, tried again, may go through. */
export const isWorthRetrying = (cancellation: Cancellation | undefined): boolean =>
  cancellation !== undefined &&
  cancellation.codes.some((code) => passingReasons.has(code)) &&
  cancellation.codes.every((code) => code === 'None' || passingReasons.has(code));

/**
 * Runs a transaction, trying again while it was only cancelled for a passing reason (it collided with
 * a concurrent transaction on the same items, or a table throttled it: the SDK does not retry a
 * cancelled transaction); any other outcome, including a failed condition, is the caller's to interpret.
 */
export const transactWithConflictRetries = async <T>(attempt: () => Promise<T>, maxAttempts = 5): Promise<T> => {
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isWorthRetrying(cancellationOf(error)) || attemptNumber === maxAttempts) throw error;
      await sleep(backoffDelayMs(conflictBackoff, attemptNumber));
    }
  }
};
