import { fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { HarnessResult, HarnessTask } from './harness-protocol';

/** Runs one measurement in a fresh process with the function's environment; its stdout (the logs) is discarded. */
export const runHarness = async (task: HarnessTask, env: Record<string, string>): Promise<HarnessResult> => {
  const child = fork(join(__dirname, 'harness.ts'), [], { env, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const result = once(child, 'message') as Promise<[HarnessResult]>;
  const exited = once(child, 'exit');
  child.send(task);
  const outcome = await Promise.race([result, exited.then(([code]) => new Error(`exit code ${code}: ${stderr.trim()}`))]);
  if (outcome instanceof Error) throw new Error(`The harness for ${task.bundleFile} failed: ${outcome.message}`);
  await exited;
  return outcome[0];
};
