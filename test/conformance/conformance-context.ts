import type { LocalRuntime } from '../../local/runtime';
import type { RecordingLog } from './support/recording-log';
import type { TestIssuer } from './support/test-issuer';

/** What every group of conformance cases gets: the running app, its log, and the test's token issuer. */
export interface ConformanceContext {
  readonly runtime: LocalRuntime;
  readonly log: RecordingLog;
  readonly issuer: TestIssuer;
}

export type Context = () => ConformanceContext;

/** What the cases against the plain app (test/conformance/plain-app) get. */
export interface PlainAppContext {
  readonly runtime: LocalRuntime;
  readonly log: RecordingLog;
}

export type PlainContext = () => PlainAppContext;

/** The resource the conformance stack names `id` (its logical id is `id` and an 8-character hash). */
export const named = <T extends { key: string }>(resources: readonly T[], id: string): T => {
  const found = resources.find((resource) => new RegExp(`^Conformance/${id}[0-9A-F]{8}$`).test(resource.key));
  if (!found) throw new Error(`No resource ${id} in ${resources.map((resource) => resource.key).join(', ')}`);
  return found;
};
