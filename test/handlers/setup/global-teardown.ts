export default async function globalTeardown() {
  const emulators = (globalThis as { handlerTestEmulators?: { stop(): Promise<void> }[] }).handlerTestEmulators ?? [];
  await Promise.all(emulators.map((emulator) => emulator.stop()));
}
