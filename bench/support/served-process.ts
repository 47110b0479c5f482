import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

export interface ServedProcess {
  readonly pid: number;
  /** Seconds from the spawn to the first 200 from the URL waited for. */
  readonly readySeconds: number;
  /** What it wrote so far. */
  output(): string;
  stop(): Promise<void>;
}

const readyDeadlineMs = 180_000;

/** Signals the child's process group; a group that has ended already (ESRCH) is no error. */
const signalGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
  try {
    process.kill(-child.pid!, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
};

/**
 * Stops a child spawned `detached` (a process group of its own) and everything in its group: SIGTERM to
 * the group, SIGKILL if the child has not exited 20 s later; resolves once the child has exited.
 */
export const stopGroup = async (child: ChildProcess): Promise<void> => {
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : once(child, 'exit');
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
};

/**
 * Starts a server in a process group of its own (so stopping reaches everything it started) and
 * waits until `readyUrl` answers 200 (and it wrote `readyOutput`, if given): the time a person waits
 * from their command to a first answer.
 */
export const startServed = async (
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; readyUrl: string; /** Also wait for this in what it writes. */ readyOutput?: RegExp },
): Promise<ServedProcess> => {
  const started = performance.now();
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await stopGroup(child);
  };
  const deadline = Date.now() + readyDeadlineMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} ${args.join(' ')} exited (code ${child.exitCode}) before it answered:\n${output}`);
    const status = await fetch(options.readyUrl).then((response) => (response.body?.cancel(), response.status)).catch(() => 0);
    if (status === 200 && (!options.readyOutput || options.readyOutput.test(output))) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${options.readyUrl} did not answer 200 within ${readyDeadlineMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { pid: child.pid!, readySeconds: (performance.now() - started) / 1000, output: () => output, stop };
};
