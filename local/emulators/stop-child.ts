import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** Asks a child process to end, and makes sure it does: SIGKILL if it is still there after `graceMs`. */
export const stopChild = async (child: ChildProcess, graceMs = 3000): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
};
