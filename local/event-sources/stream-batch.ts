import type { Invocation } from '../lambda/function-pool';
import { abortableSleep } from './abortable-sleep';
import { batchItemFailures } from './batch-item-failures';

export interface StreamRecord {
  readonly sequenceNumber: string;
  /** Milliseconds since the epoch. */
  readonly arrival: number;
}

export interface StreamBatchSettings {
  readonly bisectBatchOnFunctionError: boolean;
  /** -1: retry until the record expires. */
  readonly maximumRetryAttempts: number;
  /** -1: no limit. */
  readonly maximumRecordAgeSeconds: number;
  readonly reportBatchItemFailures: boolean;
}

export type FailureCondition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded';

export interface StreamBatchHandlers<R extends StreamRecord> {
  invoke(records: R[]): Promise<Invocation>;
  /** Records given up on: to the on-failure destination, if the mapping has one. */
  discard(records: R[], condition: FailureCondition, invocation: Invocation | undefined, invokeCount: number): Promise<void>;
  readonly signal: AbortSignal;
}

/** Lambda backs off between retries of a stream batch; the exact schedule is its own. */
const backoffMs = (retries: number) => Math.min(200 * 2 ** retries, 10_000);

/**
 * Processes one batch from a shard as Lambda's stream poller does, before the shard moves on: retries
 * a failed batch up to `MaximumRetryAttempts` (then discards it to the on-failure destination),
 * splits it in two first when `BisectBatchOnFunctionError` is on (a split is not a retry), resumes from
 * the first reported failure with `ReportBatchItemFailures`, and discards records older than
 * `MaximumRecordAgeInSeconds`. Resolves true when the whole batch is done, false when stopped first.
 */
export const processStreamBatch = async <R extends StreamRecord>(
  records: R[],
  settings: StreamBatchSettings,
  handlers: StreamBatchHandlers<R>,
): Promise<boolean> => {
  const pending: { records: R[]; retries: number }[] = [{ records, retries: 0 }];
  while (pending.length > 0) {
    if (handlers.signal.aborted) return false;
    const batch = pending.shift()!;
    if (settings.maximumRecordAgeSeconds >= 0) {
      const oldest = Date.now() - settings.maximumRecordAgeSeconds * 1000;
      const expired = batch.records.filter((record) => record.arrival < oldest);
      if (expired.length > 0) await handlers.discard(expired, 'RecordAgeExceeded', undefined, batch.retries);
      batch.records = batch.records.filter((record) => record.arrival >= oldest);
      if (batch.records.length === 0) continue;
    }

    const invocation = await handlers.invoke(batch.records);
    let failedFrom = 0;
    if (invocation.outcome.ok) {
      if (!settings.reportBatchItemFailures) continue;
      const sequenceNumbers = batch.records.map((record) => record.sequenceNumber);
      const failed = batchItemFailures(invocation.outcome.payload, sequenceNumbers);
      if (failed !== 'all') {
        if (failed.size === 0) continue;
        failedFrom = sequenceNumbers.findIndex((sequenceNumber) => failed.has(sequenceNumber));
      }
    }
    const remaining = batch.records.slice(failedFrom);
    if (!invocation.outcome.ok && settings.bisectBatchOnFunctionError && remaining.length > 1) {
      const half = Math.ceil(remaining.length / 2);
      pending.unshift({ records: remaining.slice(0, half), retries: batch.retries }, { records: remaining.slice(half), retries: batch.retries });
      continue;
    }
    if (settings.maximumRetryAttempts >= 0 && batch.retries >= settings.maximumRetryAttempts) {
      await handlers.discard(remaining, 'RetryAttemptsExhausted', invocation, batch.retries + 1);
      continue;
    }
    await abortableSleep(backoffMs(batch.retries), handlers.signal);
    pending.unshift({ records: remaining, retries: batch.retries + 1 });
  }
  return true;
};
