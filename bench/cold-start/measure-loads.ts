import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface LoadSubject {
  readonly key: string;
  /** The bundle's main file, as Lambda's runtime requires it. */
  readonly file: string;
  readonly env: Record<string, string>;
}

export interface LoadTimes {
  /** Inside the process: requiring the bundle, module scope included. */
  readonly loadMs: number[];
  /** From spawning the process to its exit: Node's own start-up, the load, and the exit. */
  readonly processMs: number[];
}

const run = promisify(execFile);
const probe = join(__dirname, 'load-probe.cjs');

/**
 * Loads each subject in a fresh process `runs` times, round-robin, so that a change in the machine's
 * load over the measurement touches every subject alike.
 */
export const measureLoads = async (subjects: LoadSubject[], runs: number): Promise<Map<string, LoadTimes>> => {
  const times = new Map(subjects.map((subject) => [subject.key, { loadMs: [] as number[], processMs: [] as number[] }]));
  for (let round = 0; round < runs; round++) {
    for (const subject of subjects) {
      const started = performance.now();
      const { stdout } = await run(process.execPath, [probe, subject.file], { env: subject.env, cwd: join(subject.file, '..') });
      const measured = times.get(subject.key)!;
      measured.processMs.push(performance.now() - started);
      measured.loadMs.push((JSON.parse(stdout) as { loadMs: number }).loadMs);
    }
  }
  return times;
};
