import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One esbuild run of a synthesis, as the runtime's `npx` recorded it (local/fast-npx.ts). */
export interface BuildRecord {
  readonly workingDirectory: string;
  /** NODE_PATH as the run saw it (esbuild's command line reads it; its JavaScript API must be given it). */
  readonly nodePath: string;
  /** The arguments after `esbuild`, without the metafile the recorder added. */
  readonly args: string[];
  /** The inode of the directory the run wrote to: the CDK renames that directory to the asset's. */
  readonly outputDirectoryInode?: number;
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
      const inode = existsSync(`${record}.out`) ? Number(readFileSync(`${record}.out`, 'utf8').trim().split(/\s+/)[0]) : undefined;
      return {
        workingDirectory,
        nodePath,
        args,
        outputDirectoryInode: Number.isFinite(inode) ? inode : undefined,
        recorderMetafile: existsSync(`${record}.meta.json`) ? `${record}.meta.json` : undefined,
      };
    });
};
