import { fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { failureOf, type RunningEmulator, whenReady } from './emulator-process';

/**
 * fauxqs, an SQS emulator that speaks the JSON protocol of the current SDK, in a child process (it
 * ships ES modules only). Its queue URLs carry the host the client called, so they resolve.
 */
export const startSqs = async (): Promise<RunningEmulator> => {
  const child = fork(join(__dirname, 'fauxqs-server.mjs'), [], { execArgv: [], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const endpoint = once(createInterface({ input: child.stdout! }), 'line').then(([line]) => `http://127.0.0.1:${String(line).trim()}`);
  return whenReady(child, endpoint, failureOf(child, 'The SQS emulator'));
};
