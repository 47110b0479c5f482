import { fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { RunningEmulator } from './dynamodb-local';
import { stopChild } from './stop-child';

/**
 * fauxqs, an SQS emulator that speaks the JSON protocol of the current SDK, in a child process (it
 * ships ES modules only). Its queue URLs carry the host the client called, so they resolve.
 */
export const startSqs = async (): Promise<RunningEmulator> => {
  const child = fork(join(__dirname, 'fauxqs-server.mjs'), [], { execArgv: [], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const firstLine = once(createInterface({ input: child.stdout! }), 'line');
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`The SQS emulator exited with code ${code}: ${stderr.trim()}`);
  });
  try {
    const [port] = (await Promise.race([firstLine, exited])) as [string];
    return { endpoint: `http://127.0.0.1:${port.trim()}`, stop: () => stopChild(child) };
  } catch (error) {
    await stopChild(child);
    throw error;
  } finally {
    exited.catch(() => undefined);
  }
};
