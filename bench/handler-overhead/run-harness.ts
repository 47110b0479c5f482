import { fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { HarnessResult, HarnessTask } from './harness-protocol';

/** Bundles harness.ts into plain JavaScript once, so that each measurement's process starts on bare Node. */
export const buildHarnessRunner = async (outfile: string): Promise<string> => {
  await build({ entryPoints: [join(__dirname, 'harness.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
  return outfile;
};

/** Runs one measurement in a fresh process with the function's environment; its stdout (the logs) is discarded. */
export const runHarness = async (runner: string, task: HarnessTask, env: Record<string, string>): Promise<HarnessResult> => {
  const child = fork(runner, [], { env, execArgv: [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
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
