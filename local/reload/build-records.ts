import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One esbuild run of a synthesis, as the runtime's `npx` recorded it (local/fast-npx.ts). */
export interface BuildRecord {
  readonly workingDirectory: string;
  /** NODE_PATH as the run saw it (esbuild's command line reads it; its JavaScript API must be given it). */
  readonly nodePath: string;
  /** The arguments after `esbuild`, without the metafile the recorder added. */
  readonly args: string[];
  /** The file the run wrote (`--outfile`), kept: it says which asset directory holds the run's bundle. */
  readonly output?: string;
  /** The metafile the recorder asked for, when the command line itself wrote none. */
  readonly recorderMetafile?: string;
}

/** Every esbuild run recorded in `directory` (none if it does not exist). A run that failed has no output directory. */
export const readBuildRecords = (directory: string): BuildRecord[] => {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => name.endsWith('.args'))
    .map((name) => {
      const record = join(directory, name.slice(0, -'.args'.length));
      const [workingDirectory = '', nodePath = '', ...args] = readFileSync(`${record}.args`, 'utf8').split('\0').slice(0, -1);
      return {
        workingDirectory,
        nodePath,
        args,
        output: existsSync(`${record}.output`) ? `${record}.output` : undefined,
        recorderMetafile: existsSync(`${record}.meta.json`) ? `${record}.meta.json` : undefined,
      };
    });
};
