import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

export interface TestSuiteFigures {
  readonly seconds: number;
  readonly exitCode: number | null;
  /** Where its output went. */
  readonly log: string;
}

/** Runs the whole `npm test` once and times it; its output goes to a log file. */
export const measureNpmTest = async (projectDirectory: string, log: string): Promise<TestSuiteFigures> => {
  const started = performance.now();
  const output = createWriteStream(log);
  const child = spawn('npm', ['test'], { cwd: projectDirectory, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.pipe(output);
  child.stderr!.pipe(output);
  const [exitCode] = (await once(child, 'exit')) as [number | null];
  return { seconds: (performance.now() - started) / 1000, exitCode, log };
};
