import { rmSync } from 'node:fs';
import { stop as stopEsbuild } from 'esbuild';

/**
 * Runs a bench command's `main`: a failure is printed and sets the exit code; either way esbuild's
 * service stops (it would keep the process alive) and the work directory goes, unless it is kept.
 */
export const runBenchCommand = (main: () => Promise<void>, workDirectory: string, keep: boolean): Promise<void> =>
  main()
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(async () => {
      await stopEsbuild();
      if (!keep) rmSync(workDirectory, { recursive: true, force: true });
    });
