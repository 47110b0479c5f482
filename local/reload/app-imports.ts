import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { withEsbuild } from '../esbuild-service';

const programFile = /\.(c|m)?[jt]sx?$/;

/** The program file a CDK app command runs (`npx ts-node --prefer-ts-exts bin/app.ts` → `bin/app.ts`), if it names one. */
export const programOf = (projectDirectory: string, command: string): string | undefined =>
  command
    .split(/\s+/)
    .map((word) => word.replace(/^["']|["']$/g, ''))
    .filter((word) => programFile.test(word) && existsSync(resolve(projectDirectory, word)))
    .map((word) => resolve(projectDirectory, word))
    .pop();

/**
 * The project's files the CDK app imports (not its packages), found by esbuild from the program its
 * command runs: a change to one of them changes what the app synthesizes, even when a function's
 * bundle is built from it too (the shop's stacks import table layouts and domain constants from
 * functions/). Undefined when the command names no program, or esbuild cannot follow it.
 */
export const appImports = async (projectDirectory: string, command: string): Promise<Set<string> | undefined> => {
  const program = programOf(projectDirectory, command);
  if (!program) return undefined;
  try {
    const { metafile } = await withEsbuild((esbuild) =>
      esbuild.build({
        entryPoints: [program],
        absWorkingDir: projectDirectory,
        bundle: true,
        packages: 'external',
        platform: 'node',
        write: false,
        metafile: true,
        logLevel: 'silent',
      }),
    );
    return new Set(Object.keys(metafile.inputs).map((input) => resolve(projectDirectory, input)));
  } catch {
    return undefined;
  }
};
