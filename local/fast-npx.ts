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

/** The variable naming the directory where the `npx` below records each esbuild run (see local/reload/build-records.ts). */
export const buildRecordsVariable = 'LOCAL_RUNTIME_BUILD_RECORDS';

/**
 * Writes an `npx` that runs a binary of the project's own node_modules/.bin directly, as npx would
 * run it, and hands anything else to the real npx. The CDK bundles each NodejsFunction with
 * `npx --no-install esbuild ...`; npx's own start-up (about 0.3 s) per function was half of a synth.
 * When `LOCAL_RUNTIME_BUILD_RECORDS` names a directory, each esbuild run is recorded there: its working
 * directory, NODE_PATH and arguments (NUL-separated), once it has succeeded its output file (a hard
 * link: the CDK renames the output's directory to the asset's, or throws it away when that asset
 * exists already), and, unless the run writes one itself, its metafile (the files the bundle was built
 * from). A reload rebuilds a function from that record.
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
      `if [ "$1" = esbuild ] && [ -n "$${buildRecordsVariable}" ] && [ -x "${localBin}/esbuild" ]; then`,
      '  shift',
      `  record=$(mktemp "$${buildRecordsVariable}/esbuild-XXXXXXXX") || exit 1`,
      `  printf '%s\\0' "$PWD" "\${NODE_PATH-}" "$@" > "$record.args"`,
      '  outfile=; metafile=',
      '  for arg; do case "$arg" in --outfile=*) outfile="${arg#--outfile=}" ;; --metafile=*) metafile=yes ;; esac; done',
      '  [ -z "$metafile" ] && set -- "$@" "--metafile=$record.meta.json"',
      `  "${localBin}/esbuild" "$@" || exit $?`,
      '  [ -n "$outfile" ] && { ln "$outfile" "$record.output" 2>/dev/null || cp "$outfile" "$record.output"; }',
      '  exit 0',
      'fi',
      `if [ -x "${localBin}/$1" ]; then bin="${localBin}/$1"; shift; exec "$bin" "$@"; fi`,
      `exec "${npx}" "$@"`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return directory;
};
