import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { EmulatorName } from './emulators/start-emulators';
import { SourceFiles } from './source-files';
import { readJsonFile, writeJsonFile } from './json-file';

/** Everything besides files that decides what the app synthesizes. */
export interface SynthSettings {
  readonly command: string;
  readonly context: Record<string, unknown>;
  readonly region: string;
  readonly account: string;
}

interface Remembered {
  readonly version: number;
  readonly settings: string;
  /** The project's files the synthesis depended on, each with the hash of its content. */
  readonly files: Record<string, string>;
  /** The sources cdk.json's `watch` selects: a new one is a change too. */
  readonly sources: string[];
  readonly emulators: EmulatorName[];
  readonly at: string;
}

const format = 1;

/** The dependency lock files a project may have: a different install is a different app. */
const lockFiles = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'];

const hashOf = (file: string) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'missing');

/** Settings as text, with object keys sorted, so that their order does not matter. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b))) : inner,
  );

/**
 * The last synthesized cloud assembly of a project, kept in `<directory>/cdk.out` with what it was
 * made from: the app command, context, region and account, and the content of every file it depended on
 * (cdk.json and cdk.context.json, the lock file, the sources cdk.json's `watch` selects, every project
 * file a function's bundle was built from and every file the app imports). A start whose inputs are
 * all the same reuses it instead of synthesizing. One runtime at a time uses it (a lock file with its
 * process id); another gets none and synthesizes into a directory of its own.
 */
export class SynthCache {
  readonly outDirectory: string;
  readonly buildRecordsDirectory: string;
  private readonly rememberedFile: string;
  private readonly lockFile: string;

  constructor(
    directory: string,
    private readonly projectDirectory: string,
  ) {
    this.outDirectory = join(directory, 'cdk.out');
    this.buildRecordsDirectory = join(directory, 'build-records');
    this.rememberedFile = join(directory, 'synthesized.json');
    this.lockFile = join(directory, 'runtime.pid');
    mkdirSync(directory, { recursive: true });
  }

  /** Takes the cache for this process, unless a running process holds it. */
  acquire(): boolean {
    if (existsSync(this.lockFile)) {
      const holder = Number(readFileSync(this.lockFile, 'utf8'));
      if (holder !== process.pid && isAlive(holder)) return false;
    }
    writeFileSync(this.lockFile, String(process.pid));
    return true;
  }

  release(): void {
    if (existsSync(this.lockFile) && Number(readFileSync(this.lockFile, 'utf8')) === process.pid) rmSync(this.lockFile, { force: true });
  }

  /** What the kept assembly was made from, if it is all unchanged; else why not. */
  check(settings: SynthSettings): { reusable: true; remembered: Remembered } | { reusable: false; why: string } {
    const remembered = this.remembered();
    if (!remembered) return { reusable: false, why: 'nothing synthesized before' };
    if (!existsSync(join(this.outDirectory, 'manifest.json'))) return { reusable: false, why: 'the kept assembly is incomplete' };
    if (remembered.settings !== canonical(settings)) return { reusable: false, why: 'the app command, context, region or account changed' };
    const changed = Object.entries(remembered.files).find(([file, hash]) => hashOf(resolve(this.projectDirectory, file)) !== hash);
    if (changed) return { reusable: false, why: `${changed[0]} changed` };
    const sources = new SourceFiles(this.projectDirectory).walk().files;
    const known = new Set(remembered.sources);
    const added = sources.find((file) => !known.has(file));
    if (added) return { reusable: false, why: `${added} is new` };
    return { reusable: true, remembered };
  }

  /** The emulators the last run's app used, which a start may begin while it synthesizes. */
  lastEmulators(): EmulatorName[] | undefined {
    return this.remembered()?.emulators;
  }

  /** Before a synthesis: the kept assembly no longer matches what is remembered. */
  forget(): void {
    rmSync(this.rememberedFile, { force: true });
  }

  /**
   * After a synthesis begun at `synthesizedAt` and a deployment: what the assembly in `outDirectory` was
   * made from. Nothing is remembered if one of those files changed since the synthesis began: the
   * assembly may hold the file as it was before.
   */
  remember(settings: SynthSettings, dependencies: Iterable<string>, emulators: EmulatorName[], synthesizedAt: number): void {
    const sources = new SourceFiles(this.projectDirectory).walk().files;
    const files = new Set([...sources, ...lockFiles.filter((file) => existsSync(join(this.projectDirectory, file)))]);
    for (const file of dependencies) {
      const path = relative(this.projectDirectory, file);
      if (!path.startsWith('..') && !path.split('/').includes('node_modules')) files.add(path);
    }
    if ([...files].some((file) => modifiedAfter(join(this.projectDirectory, file), synthesizedAt))) return;
    const remembered: Remembered = {
      version: format,
      settings: canonical(settings),
      files: Object.fromEntries([...files].sort().map((file) => [file, hashOf(join(this.projectDirectory, file))])),
      sources,
      emulators,
      at: new Date().toISOString(),
    };
    writeJsonFile(this.rememberedFile, remembered);
  }

  private remembered(): Remembered | undefined {
    const remembered = readJsonFile<Remembered>(this.rememberedFile);
    return remembered?.version === format ? remembered : undefined;
  }
}

const modifiedAfter = (file: string, time: number) => existsSync(file) && statSync(file).mtimeMs > time;

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};
