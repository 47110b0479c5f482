import TestSequencer from '@jest/test-sequencer';

/**
 * Files that spend minutes waiting on visibility timeouts and deadlines, started first so that the
 * other worker runs everything else meanwhile. Jest orders by the durations it cached; a clean clone
 * (CI) has none, and then the saga's e2e file started a minute and a half in and ended last.
 */
const longFirst = ['test/e2e/saga/saga.test.ts', 'test/conformance/conformance.test.ts'];

const rank = (test) => {
  const index = longFirst.findIndex((suffix) => test.path.endsWith(suffix));
  return index < 0 ? longFirst.length : index;
};

export default class LongFirstSequencer extends TestSequencer {
  async sort(tests) {
    return [...(await super.sort(tests))].sort((a, b) => rank(a) - rank(b));
  }
}
