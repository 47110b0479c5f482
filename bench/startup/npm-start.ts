import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { stopGroup } from '../support/served-process';

export interface StartFigures {
  /** Seconds from running `npm start` to its `Ready:` line when it synthesizes the app (nothing kept from before). */
  readonly firstReadySeconds: number;
  /** The same for the starts after it, which reuse the synthesized app (nothing it depends on changed). */
  readonly readySeconds: number[];
}

const readyDeadlineMs = 120_000;

/** One `npm start -- --no-watch` on a free port, timed from the command to its `Ready:` line, then stopped. */
const timeOneStart = async (projectDirectory: string, localDirectory: string): Promise<number> => {
  const started = performance.now();
  // A process group of its own, so that stopping it reaches npm, its shell and the runtime at once.
  const child = spawn('npm', ['start', '--', '--no-watch', '--local-dir', localDirectory], {
    cwd: projectDirectory,
    env: { ...process.env, PORT: '0', NO_COLOR: '1' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit');
  let output = '';
  const lines = createInterface({ input: child.stdout! });
  const ready = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start was not ready within ${readyDeadlineMs} ms:\n${output}`)), readyDeadlineMs);
    lines.on('line', (line) => {
      output += `${line}\n`;
      if (!line.startsWith('Ready:')) return;
      clearTimeout(timer);
      resolve((performance.now() - started) / 1000);
    });
    void exited.then(([code]) => reject(new Error(`npm start exited (code ${code}) before it was ready:\n${output}`)));
  });
  try {
    return await ready;
  } finally {
    await stopGroup(child);
  }
};

/**
 * `npm start` as a person starts it: once with nothing kept (`localDirectory` fresh: it synthesizes the
 * app), then `runs` times again with nothing changed (it reuses the synthesized app).
 */
export const measureNpmStart = async (projectDirectory: string, localDirectory: string, runs: number): Promise<StartFigures> => {
  const firstReadySeconds = await timeOneStart(projectDirectory, localDirectory);
  const readySeconds: number[] = [];
  for (let run = 0; run < runs; run++) readySeconds.push(await timeOneStart(projectDirectory, localDirectory));
  return { firstReadySeconds, readySeconds };
};
