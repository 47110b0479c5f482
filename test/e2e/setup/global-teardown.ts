import type { LocalRuntime } from '../../../local/runtime';

export default async function globalTeardown() {
  const started = (globalThis as { e2eRuntime?: { runtime: LocalRuntime; close: () => void } }).e2eRuntime;
  await started?.runtime.stop();
  started?.close();
}
