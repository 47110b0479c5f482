import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { FileSystem } from 'aws-cdk-lib/core';
import * as ownEsbuild from 'esbuild';
import type { BuildContext, BuildOptions, Metafile } from 'esbuild';
import { useEsbuild } from '../esbuild-service';
import type { BuildRecord } from './build-records';
import { buildOfArguments, type RecordedBuild, UnsupportedEsbuildArgument } from './esbuild-arguments';

/** The function bundle behind one asset directory of the cloud assembly, and how to build it again. */
interface Bundle {
  readonly record: BuildRecord;
  /** Absent when the bundle cannot be rebuilt alone; `unsupported` says why. */
  readonly build?: RecordedBuild;
  readonly unsupported?: string;
  /** Where the synthesis's esbuild run wrote it (a directory the CDK has renamed since): outputs are placed relative to it. */
  readonly buildDirectory: string;
  /** The files it is built from (absolute paths). */
  inputs: Set<string>;
  context?: Promise<BuildContext>;
  /** Ends the context and lets esbuild's service stop. */
  release?: () => Promise<void>;
}

export interface RebuiltAsset {
  readonly assetDirectory: string;
  /** The CDK's asset hash of the new directory (`asset.<hash>`): what a synthesis would name the same bundle. */
  readonly assetHash: string;
  readonly milliseconds: number;
}

/** The CDK's asset hash of a bundled directory: aws-cdk-lib's own fingerprint, as the CDK gives its assets. */
const cdkAssetHash = (directory: string, salt: string | undefined): string =>
  FileSystem.fingerprint(directory, { exclude: ['.is_custom_resource'], extraHash: salt });

/** How many incremental esbuild contexts stay alive (see `keepContextOf`). */
const contextsKept = 4;

/** esbuild writes its metafile without whitespace when the bundle has more than 256 sources (internal/bundler). */
const metafileText = (metafile: Metafile) =>
  `${Object.keys(metafile.inputs).length + 1 > 256 ? JSON.stringify(metafile) : JSON.stringify(metafile, null, 2)}\n`;

const inputsOf = (metafile: Metafile, workingDirectory: string) => new Set(Object.keys(metafile.inputs).map((input) => resolve(workingDirectory, input)));

const filesIn = (directory: string) =>
  (readdirSync(directory, { recursive: true, withFileTypes: true }) as { name: string; parentPath?: string; path?: string; isFile(): boolean }[])
    .filter((entry) => entry.isFile())
    .map((entry) => relative(directory, join(entry.parentPath ?? entry.path ?? directory, entry.name)))
    .sort();

/** The project's own esbuild, the one its synthesis ran, else the runtime's. */
const esbuildFor = (workingDirectory: string): typeof ownEsbuild => {
  try {
    return createRequire(join(workingDirectory, 'package.json'))('esbuild') as typeof ownEsbuild;
  } catch {
    return ownEsbuild;
  }
};

/**
 * What the runtime knows of each function's bundle from the synthesis that built it (the esbuild runs
 * its `npx` recorded): which asset directory it became, the esbuild options it was built with, and the
 * files it was built from (its metafile's inputs). A change to such a file rebuilds only the bundles
 * built from it, with the same options, in an incremental esbuild context, into a new asset directory
 * named as the CDK would name it.
 */
export class FunctionBundles {
  /** Bundles with an incremental context, the most recently rebuilt last. */
  private readonly withContext: Bundle[] = [];

  private constructor(
    private readonly bundles: Map<string, Bundle>,
    private readonly assetHashSalt: string | undefined,
  ) {}

  /**
   * Pairs each recorded esbuild run with the asset directory that holds its output: the same file (the
   * CDK renamed the run's directory to the asset's), or the same bytes (the asset existed already, and
   * the CDK threw the run's output away). An asset no run pairs with keeps what `previous` knew of it.
   */
  static fromSynthesis(records: readonly BuildRecord[], assetDirectories: Iterable<string>, options: { assetHashSalt?: string; previous?: FunctionBundles } = {}): FunctionBundles {
    const assets = [...new Set(assetDirectories)].filter((directory) => existsSync(directory));
    const bundles = new Map<string, Bundle>();
    for (const record of records) {
      const assetDirectory = FunctionBundles.assetOf(record, assets.filter((directory) => !bundles.has(directory)));
      if (assetDirectory) bundles.set(assetDirectory, FunctionBundles.describe(record, assetDirectory));
    }
    for (const [directory, bundle] of options.previous?.bundles ?? []) {
      if (assets.includes(directory) && !bundles.has(directory)) bundles.set(directory, { ...bundle, context: undefined, release: undefined });
    }
    return new FunctionBundles(bundles, options.assetHashSalt);
  }

  private static assetOf(record: BuildRecord, assets: readonly string[]): string | undefined {
    const outfile = /^--outfile=(.*)$/.exec(record.args.find((arg) => arg.startsWith('--outfile=')) ?? '')?.[1];
    if (!record.output || !outfile) return undefined;
    const output = statSync(record.output);
    const candidates = assets
      .map((directory) => ({ directory, file: join(directory, basename(outfile)) }))
      .filter(({ file }) => existsSync(file) && statSync(file).size === output.size);
    const same = candidates.find(({ file }) => statSync(file).ino === output.ino);
    if (same) return same.directory;
    const bytes = readFileSync(record.output);
    return candidates.find(({ file }) => readFileSync(file).equals(bytes))?.directory;
  }

  private static describe(record: BuildRecord, assetDirectory: string): Bundle {
    let build: RecordedBuild;
    try {
      build = buildOfArguments(record.args);
    } catch (error) {
      if (!(error instanceof UnsupportedEsbuildArgument)) throw error;
      return { record, unsupported: error.message, buildDirectory: '', inputs: new Set() };
    }
    const outfile = build.options.outfile;
    if (!outfile) return { record, unsupported: 'its esbuild run names no --outfile', buildDirectory: '', inputs: new Set() };
    const buildDirectory = dirname(resolve(record.workingDirectory, outfile));
    const metafilePath = build.metafile ? join(assetDirectory, relative(buildDirectory, resolve(record.workingDirectory, build.metafile))) : record.recorderMetafile;
    if (!metafilePath || !existsSync(metafilePath)) return { record, unsupported: 'its esbuild run left no metafile', buildDirectory, inputs: new Set() };
    const metafile = JSON.parse(readFileSync(metafilePath, 'utf8')) as Metafile;
    const written = [
      ...Object.keys(metafile.outputs).map((output) => relative(buildDirectory, resolve(record.workingDirectory, output))),
      ...(build.metafile ? [relative(assetDirectory, metafilePath)] : []),
    ].sort();
    const inputs = inputsOf(metafile, record.workingDirectory);
    if (JSON.stringify(filesIn(assetDirectory)) !== JSON.stringify(written)) {
      return { record, unsupported: 'its asset holds files esbuild did not write (command hooks or node modules)', buildDirectory, inputs };
    }
    return { record, build, buildDirectory, inputs };
  }

  /** Every file some bundle is built from. */
  inputs(): Set<string> {
    return new Set([...this.bundles.values()].flatMap((bundle) => [...bundle.inputs]));
  }

  /** The asset directories of bundles built from any of `files`. */
  builtFrom(files: readonly string[]): string[] {
    return [...this.bundles].filter(([, bundle]) => files.some((file) => bundle.inputs.has(file))).map(([directory]) => directory);
  }

  /** Why the bundle of this asset directory cannot be rebuilt alone, if it cannot. */
  unsupported(assetDirectory: string): string | undefined {
    const bundle = this.bundles.get(assetDirectory);
    return bundle ? bundle.unsupported : 'no esbuild run of the synthesis built it';
  }

  /**
   * Builds the bundle of an asset directory again, as its synthesis built it, into a new asset
   * directory beside it, named by the CDK's asset hash. Unchanged sources give the same directory.
   */
  async rebuild(assetDirectory: string): Promise<RebuiltAsset> {
    const started = performance.now();
    const bundle = this.bundles.get(assetDirectory);
    if (!bundle?.build) throw new Error(`The bundle in ${assetDirectory} cannot be rebuilt alone: ${this.unsupported(assetDirectory)}`);
    const { record, build, buildDirectory } = bundle;
    if (!bundle.context) {
      const service = useEsbuild(esbuildFor(record.workingDirectory));
      const context = service.esbuild.context({
        ...build.options,
        absWorkingDir: record.workingDirectory,
        nodePaths: record.nodePath ? record.nodePath.split(':').filter(Boolean) : undefined,
        write: false,
        metafile: true,
        logLevel: 'silent',
      } satisfies BuildOptions);
      bundle.context = context;
      bundle.release = async () => {
        await (await context.catch(() => undefined))?.dispose();
        await service.release();
      };
    }
    this.keepContextOf(bundle);
    const context = await bundle.context;
    const result = await context.rebuild();
    const assets = dirname(assetDirectory);
    const staging = mkdtempSync(join(assets, 'rebuilding-'));
    try {
      for (const output of result.outputFiles ?? []) {
        const target = join(staging, relative(buildDirectory, output.path));
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, output.contents);
      }
      if (build.metafile) writeFileSync(join(staging, relative(buildDirectory, resolve(record.workingDirectory, build.metafile))), metafileText(result.metafile!));
      const assetHash = cdkAssetHash(staging, this.assetHashSalt);
      const rebuilt = join(assets, `asset.${assetHash}`);
      if (existsSync(rebuilt)) rmSync(staging, { recursive: true, force: true });
      else renameSync(staging, rebuilt);
      bundle.inputs = inputsOf(result.metafile!, record.workingDirectory);
      // The bundle lives on under its new directory, with its context: an import added or removed counts from now on.
      this.bundles.delete(assetDirectory);
      this.bundles.set(rebuilt, bundle);
      return { assetDirectory: rebuilt, assetHash, milliseconds: performance.now() - started };
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      throw error;
    }
  }

  /**
   * An esbuild context holds every source it parsed (about 60 MB for a bundle with the AWS SDK): only the
   * bundles rebuilt last keep theirs, the functions someone is working on.
   */
  private keepContextOf(bundle: Bundle) {
    const index = this.withContext.indexOf(bundle);
    if (index >= 0) this.withContext.splice(index, 1);
    this.withContext.push(bundle);
    for (const evicted of this.withContext.splice(0, Math.max(0, this.withContext.length - contextsKept))) void FunctionBundles.endContext(evicted);
  }

  private static async endContext(bundle: Bundle) {
    const release = bundle.release;
    bundle.context = undefined;
    bundle.release = undefined;
    await release?.();
  }

  /** Ends the incremental contexts (their parsed sources live in esbuild's process). */
  async dispose(): Promise<void> {
    await Promise.all([...this.bundles.values()].map((bundle) => FunctionBundles.endContext(bundle)));
  }
}
