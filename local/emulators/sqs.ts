import { fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { failureOf, type RunningEmulator, whenReady } from './emulator-process';

/**
 * fauxqs, an SQS emulator that speaks the JSON protocol of the current SDK, in a child process (it
 * ships ES modules only). Its queue URLs name `queueUrlBase` (the runtime's front door), or else the
 * host the client called, so they resolve. With `stateFile`, its queues and their messages are kept
 * there (sqs-state.ts).
 */
export const startSqs = async (options: { queueUrlBase?: string; port?: number; stateFile?: string } = {}): Promise<RunningEmulator> => {
  const env = {
    ...process.env,
    ...(options.queueUrlBase && { QUEUE_URL_BASE: options.queueUrlBase }),
    ...(options.port && { SQS_PORT: String(options.port) }),
    ...(options.stateFile && { SQS_STATE_FILE: options.stateFile }),
  };
  const child = fork(join(__dirname, 'fauxqs-server.mjs'), [], { execArgv: [], env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const endpoint = once(createInterface({ input: child.stdout! }), 'line').then(([line]) => `http://127.0.0.1:${String(line).trim()}`);
  return whenReady(child, endpoint, failureOf(child, 'The SQS emulator'));
};
