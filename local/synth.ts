import { spawn } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { buildRecordsVariable } from './fast-npx';
import { readJsonFile } from './json-file';

export interface SynthOptions {
  readonly projectDirectory: string;
  readonly outDirectory: string;
  /** The command that runs the CDK app; by default the `app` of the project's cdk.json. */
  readonly app?: string;
  /** Context on top of cdk.json's, as `cdk synth -c key=value` would give. */
  readonly context?: Record<string, unknown>;
  readonly region: string;
  readonly account: string;
  /** Put first on PATH for the app (see `writeFastNpx`). */
  readonly binDirectory?: string;
  /** Where that `npx` records each esbuild run, for rebuilding a function alone (see local/reload/build-records.ts). */
  readonly buildRecordsDirectory?: string;
  /** The command and context, read beforehand (the runtime keeps what a synthesis ran with); else read here. */
  readonly settings?: { readonly command: string; readonly context: Record<string, unknown> };
}

const readJsonIfPresent = (path: string): Record<string, unknown> => readJsonFile<Record<string, unknown>>(path) ?? {};

/**
 * Runs the CDK app the way the CDK CLI does (the same environment variables), without the CLI's own
 * start-up cost: cdk.json's `app` command, its context and cdk.context.json, plus the given context.
 * The CloudFormation validation that aws-cdk-lib adds by default is skipped (seconds per synth); the
 * app's own validation plugins (cdk-nag) still run.
 */
/** The command that runs the CDK app: the given one, else cdk.json's `app`. */
export const appCommandOf = (projectDirectory: string, app?: string): string | undefined =>
  app ?? (readJsonIfPresent(join(projectDirectory, 'cdk.json')).app as string | undefined);

/** The context the app gets, as the CDK CLI merges it: cdk.context.json, cdk.json's, then `-c` values. */
export const synthContext = (projectDirectory: string, extra?: Record<string, unknown>): Record<string, unknown> => ({
  ...readJsonIfPresent(join(projectDirectory, 'cdk.context.json')),
  ...(readJsonIfPresent(join(projectDirectory, 'cdk.json')).context as Record<string, unknown> | undefined),
  'aws:cdk:enable-path-metadata': true,
  'aws:cdk:version-reporting': false,
  ...extra,
});

export const synthesize = async (options: SynthOptions): Promise<{ command: string }> => {
  const command = options.settings?.command ?? appCommandOf(options.projectDirectory, options.app);
  if (!command) throw new Error(`No CDK app to run: ${options.projectDirectory}/cdk.json has no "app"`);
  const context = options.settings?.context ?? synthContext(options.projectDirectory, options.context);
  const child = spawn(command, {
    cwd: options.projectDirectory,
    shell: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PATH: [options.binDirectory, join(options.projectDirectory, 'node_modules', '.bin'), process.env.PATH].filter(Boolean).join(delimiter),
      CDK_OUTDIR: options.outDirectory,
      CDK_CONTEXT_JSON: JSON.stringify(context),
      CDK_DEFAULT_REGION: options.region,
      CDK_DEFAULT_ACCOUNT: options.account,
      CDK_VALIDATION: 'false',
      CDK_DISABLE_VERSION_CHECK: '1',
      ...(options.buildRecordsDirectory && { [buildRecordsVariable]: options.buildRecordsDirectory }),
    },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  child.stderr.on('data', (chunk) => (output += String(chunk)));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`The CDK app failed (${command}, exit code ${code}):\n${output.trim()}`);
  return { command };
};
