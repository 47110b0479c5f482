import { execSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

export interface MachineFacts {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly date: string;
  readonly commit: string;
  /** Uncommitted changes to the app's sources when the benchmark ran. */
  readonly uncommitted: string[];
}

const git = (projectDirectory: string, args: string) => {
  try {
    return execSync(`git ${args}`, { cwd: projectDirectory, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
};

export const machineFacts = (projectDirectory: string): MachineFacts => ({
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  date: new Date().toISOString(),
  commit: git(projectDirectory, 'rev-parse --short HEAD'),
  uncommitted: git(projectDirectory, 'status --porcelain -- bin lib functions local')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3)),
});

/** The 1-minute load average: above the core count, other work competed with the measurement. */
export const loadAverage = (): number => loadavg()[0]!;
