import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds used so far, per part of the local runtime: one entry per function, emulator, and the runtime itself. */
export type CpuByPart = Record<string, number>;

const ticksPerSecond = 100;

interface ProcessInfo {
  readonly pid: number;
  readonly parent: number;
  readonly cpuSeconds: number;
  /** Resident memory, in MiB. */
  readonly rssMiB: number;
}

const pageBytes = 4096;

const readProcess = (pid: number): ProcessInfo | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: fields count from after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [utime, stime, rssPages] = [11, 12, 21].map((index) => Number(fields[index]));
    return { pid, parent: Number(fields[1]), cpuSeconds: (utime! + stime!) / ticksPerSecond, rssMiB: (rssPages! * pageBytes) / 2 ** 20 };
  } catch {
    return undefined;
  }
};

const partOf = (pid: number): string => {
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (command.some((arg) => arg.endsWith('lambda-bootstrap.cjs'))) {
      const environment = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      const name = environment.find((variable) => variable.startsWith('AWS_LAMBDA_FUNCTION_NAME='))?.split('=')[1];
      return `function ${name ?? '?'}`;
    }
    if (command[0]?.endsWith('java')) return 'DynamoDB Local (JVM)';
    if (command.some((arg) => arg.endsWith('fauxqs-server.mjs'))) return 'SQS emulator (fauxqs)';
    if (command.some((arg) => arg.endsWith('kinesis-server.mjs'))) return 'Kinesis emulator (kinesis-local)';
    if (command.some((arg) => arg.endsWith('exit-with-parent.mjs'))) return 'emulator guards';
    return 'runtime (gateway, pollers, IPC)';
  } catch {
    return 'gone';
  }
};

/** A process and all its living descendants (Linux /proc; elsewhere none). */
const processTree = (rootPid: number): ProcessInfo[] => {
  let all: ProcessInfo[];
  try {
    all = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .flatMap((entry) => readProcess(Number(entry)) ?? []);
  } catch {
    return [];
  }
  const children = new Map<number, ProcessInfo[]>();
  for (const info of all) children.set(info.parent, [...(children.get(info.parent) ?? []), info]);
  const tree: ProcessInfo[] = [];
  const visit = (info: ProcessInfo) => {
    tree.push(info);
    for (const child of children.get(info.pid) ?? []) visit(child);
  };
  const root = all.find((info) => info.pid === rootPid);
  if (root) visit(root);
  return tree;
};

/**
 * CPU time used by a process and all its living descendants, per part (Linux /proc; elsewhere empty).
 * Taken before and after a measurement, the difference says where the machine's two cores went
 * (a process that ended in between is not counted).
 */
export const cpuByPart = (rootPid: number): CpuByPart => {
  const parts: CpuByPart = {};
  for (const info of processTree(rootPid)) {
    const part = partOf(info.pid);
    parts[part] = (parts[part] ?? 0) + info.cpuSeconds;
  }
  return parts;
};

/** The resident memory of a process and all its living descendants, in MiB. */
export const treeRssMiB = (rootPid: number): number => processTree(rootPid).reduce((total, info) => total + info.rssMiB, 0);

export const cpuDifference = (before: CpuByPart, after: CpuByPart): CpuByPart =>
  Object.fromEntries(Object.entries(after).map(([part, seconds]) => [part, seconds - (before[part] ?? 0)]));
