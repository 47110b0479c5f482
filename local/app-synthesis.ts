import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EmulatorName } from './emulators/start-emulators';
import { writeFastNpx } from './fast-npx';
import { type BuildRecord, readBuildRecords } from './reload/build-records';
import { appCommandOf, synthContext, synthesize } from './synth';
import { SynthCache, type SynthSettings } from './synth-cache';

export interface AppSynthesisOptions {
  readonly projectDirectory: string;
  /** The runtime's own scratch directory. */
  readonly workDirectory: string;
  readonly app?: string;
  readonly context?: Record<string, unknown>;
  readonly region: string;
  readonly account: string;
  /** A cloud assembly synthesized already: it is read as it is. */
  readonly assembly?: string;
  /** Where the last synthesized assembly is kept for the next start (see `SynthCache`). */
  readonly cacheDirectory?: string;
}

/**
 * Where the app's cloud assembly comes from: synthesized (into the same directory each time, as the
 * bundles and so the asset hashes depend on it), reused from the last start when nothing it depends on
 * changed, or given. Each synthesis records its esbuild runs for rebuilding functions alone.
 */
export class AppSynthesis {
  readonly outDirectory: string;
  private readonly buildRecordsDirectory: string;
  private readonly binDirectory?: string;
  private readonly cache?: SynthCache;
  /** When the last synthesis began (what it read may have changed after). */
  private synthesizedAt = 0;
  /** What the assembly in `outDirectory` was synthesized with (for one given or reused: cdk.json's at the start). */
  private assemblySettings?: SynthSettings;

  constructor(private readonly options: AppSynthesisOptions) {
    const cache = options.cacheDirectory && !options.assembly ? new SynthCache(options.cacheDirectory, options.projectDirectory) : undefined;
    this.cache = cache?.acquire() ? cache : undefined;
    this.outDirectory = options.assembly ?? this.cache?.outDirectory ?? join(options.workDirectory, 'cdk.out');
    this.buildRecordsDirectory = this.cache?.buildRecordsDirectory ?? join(options.workDirectory, 'build-records');
    this.binDirectory = writeFastNpx(join(options.workDirectory, 'bin'), options.projectDirectory);
  }

  /** What a synthesis now runs with: read afresh, as cdk.json may have been edited since the start. */
  private settings(): SynthSettings | undefined {
    const { projectDirectory, app, context, region, account } = this.options;
    const command = appCommandOf(projectDirectory, app);
    return command ? { command, context: synthContext(projectDirectory, context), region, account } : undefined;
  }

  /** Whether another runtime of the project holds the kept assembly (this one then synthesizes into its own directory). */
  get cacheBusy(): boolean {
    return this.options.cacheDirectory !== undefined && !this.options.assembly && !this.cache;
  }

  /** The command that runs the app, unless a synthesized assembly was given. */
  get appCommand(): string | undefined {
    return this.options.assembly ? undefined : this.assemblySettings?.command;
  }

  /** The `@aws-cdk/core:assetHashSalt` context the assembly's assets were hashed with. */
  get assetHashSalt(): string | undefined {
    return this.assemblySettings?.context['@aws-cdk/core:assetHashSalt'] as string | undefined;
  }

  /** The emulators the app used at its last start, when known. */
  lastEmulators(): EmulatorName[] | undefined {
    return this.cache?.lastEmulators();
  }

  /** The assembly to start with, and how it was had, for the log. */
  async initial(): Promise<{ how: string }> {
    const settings = this.settings();
    if (this.options.assembly) {
      this.assemblySettings = settings;
      return { how: `read the cloud assembly at ${this.options.assembly}` };
    }
    const check = this.cache && settings ? this.cache.check(settings) : undefined;
    if (check?.reusable) {
      this.assemblySettings = settings;
      return { how: `reused the app synthesized at ${check.remembered.at} (nothing it depends on changed)` };
    }
    await this.synthesize(settings);
    return { how: `synthesized (${this.assemblySettings?.command})${check ? `: ${check.why}` : ''}` };
  }

  /** Synthesizes the app into `outDirectory` (an assembly given is read as it is), with cdk.json's settings as they are now unless given. */
  async synthesize(settings = this.settings()): Promise<void> {
    if (this.options.assembly) return;
    this.cache?.forget();
    this.synthesizedAt = Date.now();
    this.assemblySettings = settings;
    rmSync(this.buildRecordsDirectory, { recursive: true, force: true });
    mkdirSync(this.buildRecordsDirectory, { recursive: true });
    await synthesize({
      projectDirectory: this.options.projectDirectory,
      outDirectory: this.outDirectory,
      app: this.options.app,
      context: this.options.context,
      region: this.options.region,
      account: this.options.account,
      binDirectory: this.binDirectory,
      buildRecordsDirectory: this.buildRecordsDirectory,
      settings: this.assemblySettings,
    });
  }

  /** The esbuild runs of the synthesis behind the assembly. */
  records(): BuildRecord[] {
    return readBuildRecords(this.buildRecordsDirectory);
  }

  /**
   * After a synthesis: keeps the assembly for the next start, with what it depends on (asked only then:
   * finding it out reads the bundles and the app's imports) and the emulators its app used.
   */
  async remember(dependencies: () => Promise<Iterable<string>>, emulators: EmulatorName[]): Promise<void> {
    const settings = this.assemblySettings;
    if (!this.cache || !settings || this.synthesizedAt === 0) return;
    const synthesizedAt = this.synthesizedAt;
    this.synthesizedAt = 0;
    this.cache.remember(settings, await dependencies(), emulators, synthesizedAt);
  }

  release(): void {
    this.cache?.release();
  }
}
