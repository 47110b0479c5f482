import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Every process below `pid`, children and theirs, as `ps` sees them now. */
export const descendantsOf = (pid: number): number[] => {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [child, ppid] of table) {
      if (ppid === parent) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
};

/** A zombie has exited and only waits to be reaped (by init, once its parent is gone): it runs nothing. */
const isZombie = (pid: number): boolean => {
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

export const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return !isZombie(pid);
  } catch {
    return false;
  }
};

/** `pid command` lines, for a failure message that says which processes are left. */
export const describeProcesses = (pids: number[]): string =>
  pids.length === 0 ? '' : execFileSync('ps', ['-o', 'pid=,args=', '-p', pids.join(',')], { encoding: 'utf8' }).trim();
