import type { ChildProcess } from 'node:child_process';
import { stopChild } from './stop-child';

export interface RunningEmulator {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** Rejects when the emulator's process cannot be spawned or exits, with what it wrote to stderr. */
export const failureOf = (child: ChildProcess, what: string, hint = ''): Promise<never> => {
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  const failure = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`Could not start ${what}${hint}: ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`${what} exited with code ${code}${hint}: ${stderr.trim()}`)));
  });
  failure.catch(() => undefined);
  return failure;
};

/**
 * The emulator at the endpoint `ready` gives, unless its process fails first; then the child is
 * stopped, so a failed start leaves no process behind. `settled` runs either way (a probe's client).
 */
export const whenReady = async (child: ChildProcess, ready: Promise<string>, failure: Promise<never>, settled = () => {}): Promise<RunningEmulator> => {
  try {
    const endpoint = await Promise.race([ready, failure]);
    return { endpoint, stop: () => stopChild(child) };
  } catch (error) {
    await stopChild(child);
    throw error;
  } finally {
    settled();
  }
};
