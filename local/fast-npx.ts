import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const findOnPath = (command: string): string | undefined =>
  (process.env.PATH ?? '')
    .split(delimiter)
    .map((directory) => join(directory, command))
    .find((candidate) => {
      try {
        accessSync(candidate, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });

/**
 * Writes an `npx` that runs a binary of the project's own node_modules/.bin directly, as npx would
 * run it, and hands anything else to the real npx. The CDK bundles each NodejsFunction with
 * `npx --no-install esbuild ...`; npx's own start-up (about 0.3 s) per function was half of a synth.
 * Returns the directory to put first on PATH, or nothing where there is no npx or no POSIX shell.
 */
export const writeFastNpx = (directory: string, projectDirectory: string): string | undefined => {
  const npx = findOnPath('npx');
  if (!npx || process.platform === 'win32') return undefined;
  const localBin = join(projectDirectory, 'node_modules', '.bin');
  mkdirSync(directory, { recursive: true });
  writeFileSync(
    join(directory, 'npx'),
    [
      '#!/bin/sh',
      '[ "$1" = "--no-install" ] && shift',
      `case "$1" in -*) exec "${npx}" "$@" ;; esac`,
      `if [ -x "${localBin}/$1" ]; then bin="${localBin}/$1"; shift; exec "$bin" "$@"; fi`,
      `exec "${npx}" "$@"`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return directory;
};
