import { relative, resolve } from 'node:path';
import type { FunctionSpec } from '../assembly/app-model';
import { settingsFiles } from '../source-files';
import { appImports } from './app-imports';
import type { BuildRecord } from './build-records';
import { FunctionBundles } from './function-bundles';

/** What a change to some files takes: functions rebuilt alone, a new synthesis of the app, or both (functions first). */
export interface ReloadPlan {
  /** Asset directories to rebuild: every function whose bundle is built from a changed file. */
  readonly rebuild: string[];
  /** Why the app must be synthesized again, if it must. */
  readonly synthesize?: string;
}

export interface RebuiltFunctions {
  /** Every function of the app, those rebuilt with their new code directory. */
  readonly functions: FunctionSpec[];
  /** The functions rebuilt, with how long each bundle took. */
  readonly rebuilt: { readonly displayName: string; readonly milliseconds: number }[];
}

/**
 * Decides how a change to the app's sources is applied (docs/local-runtime.md, "Changing code while it
 * runs"): a file some function bundles are built from rebuilds those bundles alone, with the esbuild
 * options of the synthesis; anything else — cdk.json, the app's own code (lib/, bin/ and what it
 * imports), a file no bundle is built from — needs a synthesis.
 */
export class Reloader {
  private bundles = FunctionBundles.fromSynthesis([], []);
  private imports: Promise<Set<string> | undefined> = Promise.resolve(undefined);
  /** What `update` learns, learnt after the runtime is ready (it reads every bundle's metafile). */
  private learning: Promise<void> = Promise.resolve();

  constructor(
    private readonly projectDirectory: string,
    private readonly appCommand: () => string | undefined,
    /** The `@aws-cdk/core:assetHashSalt` context of the synthesis that built the bundles. */
    private readonly assetHashSalt: () => string | undefined,
    private readonly onWarning: (message: string) => void,
  ) {}

  /**
   * Takes what a synthesis built: its esbuild runs and the functions it deployed, and finds what the app
   * imports. In the background: `plan`, `dependencies` and `settled` wait for it.
   */
  update(records: readonly BuildRecord[], functions: readonly FunctionSpec[]): void {
    const directories = functions.map((fn) => fn.codeDirectory);
    this.learning = this.learning.then(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      const previous = this.bundles;
      try {
        this.bundles = FunctionBundles.fromSynthesis(records, directories, { assetHashSalt: this.assetHashSalt(), previous });
      } catch (error) {
        // Without it every change synthesizes, as it did before functions could be rebuilt alone.
        this.bundles = FunctionBundles.fromSynthesis([], []);
        this.onWarning(`Functions cannot be rebuilt alone (every change will synthesize the app): ${(error as Error).message}`);
      }
      await previous.dispose();
      const command = this.appCommand();
      this.imports = command ? appImports(this.projectDirectory, command) : Promise.resolve(undefined);
      await this.imports;
    });
  }

  /** Once what the last synthesis built is known (before the next synthesis replaces its records). */
  settled(): Promise<void> {
    return this.learning;
  }

  async plan(files: readonly string[], functions: readonly FunctionSpec[]): Promise<ReloadPlan> {
    const absolute = files.map((file) => resolve(this.projectDirectory, file));
    await this.learning;
    const imports = await this.imports;
    const name = (file: string) => relative(this.projectDirectory, file);
    const rebuild = this.bundles.builtFrom(absolute).filter((directory) => functions.some((fn) => fn.codeDirectory === directory));
    const unsupported = rebuild.map((directory) => this.bundles.unsupported(directory)).find(Boolean);
    const settings = absolute.find((file) => settingsFiles.includes(name(file)));
    const appCode = absolute.find((file) => imports?.has(file));
    const unbundled = absolute.find((file) => this.bundles.builtFrom([file]).length === 0);
    const synthesize =
      (settings && `${name(settings)} changed`) ??
      (appCode && `the CDK app imports ${name(appCode)}`) ??
      (unsupported && `a function's bundle cannot be rebuilt alone: ${unsupported}`) ??
      (unbundled && `no function's bundle is built from ${name(unbundled)}`);
    return { rebuild: unsupported ? [] : rebuild, synthesize };
  }

  /** Rebuilds the bundles of a plan and gives each function using one its new code directory. */
  async rebuild(plan: ReloadPlan, functions: readonly FunctionSpec[]): Promise<RebuiltFunctions> {
    const replaced = new Map<string, { directory: string; codeId: string; milliseconds: number }>();
    for (const directory of plan.rebuild) {
      const { assetDirectory, assetHash, milliseconds } = await this.bundles.rebuild(directory);
      replaced.set(directory, { directory: assetDirectory, codeId: `${assetHash}.zip`, milliseconds });
    }
    const rebuilt: RebuiltFunctions['rebuilt'] = [];
    const updated = functions.map((fn) => {
      const replacement = replaced.get(fn.codeDirectory);
      if (!replacement) return fn;
      rebuilt.push({ displayName: fn.displayName, milliseconds: replacement.milliseconds });
      return { ...fn, codeDirectory: replacement.directory, codeId: replacement.codeId };
    });
    return { functions: updated, rebuilt };
  }

  /** The files the app's synthesis depends on that it knows of: what the bundles are built from, what the app imports. */
  async dependencies(): Promise<Set<string>> {
    await this.learning;
    return new Set([...this.bundles.inputs(), ...((await this.imports) ?? [])]);
  }

  async dispose(): Promise<void> {
    await this.learning.catch(() => undefined);
    await this.bundles.dispose();
  }
}
