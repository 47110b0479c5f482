/**
 * `npm start`: runs the CDK app locally (see docs/local-runtime.md). Options: `--json` for JSON log
 * lines, `--no-watch` to not reload on changes, `--iam off` to let functions call everything,
 * `--chaos <spec>` to inject faults (see local/chaos/chaos-spec.ts), `--aws-port <port>` for the AWS
 * endpoint (default PORT + 100; the emulators take the next four),
 * `--persist [dir]` to keep data across restarts (default .local/data), `--no-cache` to synthesize even
 * if nothing changed, `--local-dir <dir>` for where it keeps its files (default .local), `--no-console`
 * to serve no console, `--console-port <port>` for the console's port (default: any free one), `--app
 * <command>` and `-c key=value` as with the CDK CLI. Environment: PORT, ADMIN_EMAIL, ADMIN_PASSWORD.
 * Writes .local/aws.env for other tools (`source .local/aws.env`).
 */
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { appDirectory } from './app-directory';
import { awsEnvironment, removeAwsEnv, writeAwsEnv } from './aws-env';
import { ChaosSpecError, parseChaosSpec } from './chaos/chaos-spec';
import { jsonLog } from './logs/json-log';
import { prettyLog } from './logs/pretty-log';
import { describeNotEmulated, describeRunning } from './report';
import { type LocalRuntime, startLocalRuntime } from './runtime';
import { defaultAdmin, seedAdmin } from './seed-admin';
import { watchSources } from './watch';

// `--persist` may come without its directory: then the data goes to <local dir>/data.
const args = process.argv.slice(2).map((arg, index, all) => (arg === '--persist' && (all[index + 1] ?? '-').startsWith('-') ? '--persist=' : arg));
const { values: flags } = parseArgs({
  args,
  options: {
    json: { type: 'boolean' },
    'no-watch': { type: 'boolean' },
    'no-cache': { type: 'boolean' },
    app: { type: 'string' },
    context: { type: 'string', short: 'c', multiple: true },
    iam: { type: 'string' },
    'aws-port': { type: 'string' },
    persist: { type: 'string' },
    'local-dir': { type: 'string' },
    'no-console': { type: 'boolean' },
    'console-port': { type: 'string' },
    chaos: { type: 'string' },
  },
});
if (flags.iam !== undefined && flags.iam !== 'on' && flags.iam !== 'off') throw new Error(`--iam takes on or off, not ${flags.iam}`);
const port = Number(process.env.PORT ?? 3000);
// The AWS endpoint follows PORT: a second `npm start` with another PORT gets other AWS ports too; PORT=0, free ones.
const awsPort = flags['aws-port'] === undefined ? (port === 0 ? 0 : port + 100) : Number(flags['aws-port']);
if (!Number.isInteger(awsPort) || awsPort < 0 || awsPort > 65530) throw new Error(`--aws-port takes a port number, not ${flags['aws-port']}`);
const consolePort = Number(flags['console-port'] ?? 0);
if (!Number.isInteger(consolePort) || consolePort < 0 || consolePort > 65535) throw new Error(`--console-port takes a port number, not ${flags['console-port']}`);
const chaos = (() => {
  try {
    return flags.chaos === undefined ? undefined : parseChaosSpec(flags.chaos);
  } catch (error) {
    if (!(error instanceof ChaosSpecError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
})();
const context = Object.fromEntries(
  (flags.context ?? []).map((entry) => {
    const equals = entry.indexOf('=');
    if (equals < 1) throw new Error(`-c takes key=value, not ${entry}`);
    return [entry.slice(0, equals), entry.slice(equals + 1)];
  }),
);
const write = (text: string) => process.stdout.write(text);
const log = flags.json ? jsonLog(write) : prettyLog(write, process.stdout.isTTY === true && !process.env.NO_COLOR);
const admin = { email: process.env.ADMIN_EMAIL ?? defaultAdmin.email, password: process.env.ADMIN_PASSWORD ?? defaultAdmin.password };
const projectDirectory = appDirectory(process.env.INIT_CWD, process.cwd());

const localDirectory = resolve(projectDirectory, flags['local-dir'] ?? '.local');
const awsEnvFile = join(localDirectory, 'aws.env');
const dataDirectory = flags.persist === undefined ? undefined : flags.persist ? resolve(projectDirectory, flags.persist) : join(localDirectory, 'data');

let starting: Promise<LocalRuntime> | undefined;
let stopping: number | undefined;
let closeWatcher = () => undefined as void;
let awsEnvWritten: string | undefined;

const shutdown = async (signal: string) => {
  // A signal may reach this process twice (from the terminal and relayed): only a later one means "now".
  if (stopping !== undefined) {
    if (Date.now() - stopping < 2000) return;
    log.warn('Stopping at once.');
    process.exit(130);
  }
  stopping = Date.now();
  log.info(`\n${signal}: stopping the functions, the gateway and the emulators...`);
  closeWatcher();
  // Stopping during start-up waits for it, so that everything started is stopped.
  const runtime = await starting?.catch(() => undefined);
  if (runtime?.chaos.spec) log.info(`Chaos injected: ${Object.entries(runtime.chaos.counts()).map(([kind, count]) => `${count} ${kind}`).join(', ')}`);
  await runtime?.stop();
  if (awsEnvWritten) removeAwsEnv(awsEnvFile, awsEnvWritten);
  log.info('Stopped. Nothing is left running.');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
// `kill <npm's pid>` ends the shell npm runs this in, and nothing tells this process: its parent changes.
const parent = process.ppid;
const parentWatch = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(parentWatch);
  void shutdown('The parent process ended');
}, 1000);
parentWatch.unref();

/**
 * Watches from the start: a change saved while the app starts (during its synthesis, say) is applied
 * once it is ready, instead of being missed.
 */
const watchFromTheStart = () => {
  let running: LocalRuntime | undefined;
  let changedWhileStarting = new Set<string>();
  const reload = (runtime: LocalRuntime, files: string[]) => {
    log.info(`Changed: ${files.slice(0, 3).join(', ')}${files.length > 3 ? ` and ${files.length - 3} more` : ''}`);
    // The runtime logs what it rebuilt or synthesized, and how long it took.
    runtime.reload(files).catch((error: Error) => log.warn(`Reload failed; the previous version keeps running.\n${error.message}`));
  };
  const watcher = watchSources(projectDirectory, (files) => {
    if (stopping !== undefined) return;
    if (running) reload(running, files);
    else for (const file of files) changedWhileStarting.add(file);
  });
  closeWatcher = () => watcher.close();
  return (runtime: LocalRuntime) => {
    running = runtime;
    if (changedWhileStarting.size > 0) reload(runtime, [...changedWhileStarting]);
    changedWhileStarting = new Set();
  };
};

const main = async () => {
  const started = Date.now();
  log.info(`Local runtime for ${projectDirectory} on Node ${process.version}`);
  const watching = flags['no-watch'] ? undefined : watchFromTheStart();
  starting = startLocalRuntime({
    projectDirectory,
    app: flags.app,
    port,
    awsPort,
    dataDirectory,
    synthCache: flags['no-cache'] ? undefined : join(localDirectory, 'runtime'),
    // The shop's only payment provider is the simulator; a deployment must ask for it, and so does this run.
    context: { paymentProvider: 'simulator', ...context },
    iam: flags.iam !== 'off',
    console: !flags['no-console'] && { port: consolePort, cacheDirectory: join(localDirectory, 'console') },
    chaos,
    log,
  });
  const runtime = await starting;
  if (stopping !== undefined) return;
  const { model, url } = runtime;
  const seeded = await seedAdmin(runtime, admin);

  log.info(`\nReady: ${url} (in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (runtime.console) log.info(`Console: ${runtime.console.url}`);
  log.info('');
  if (seeded) {
    log.info(`Admin account (${seeded}): ${admin.email} / ${admin.password}  (set ADMIN_EMAIL and ADMIN_PASSWORD to change)\n`);
  }
  for (const line of describeRunning(model, runtime)) log.info(line);
  const awsEnvName = relative(projectDirectory, awsEnvFile);
  awsEnvWritten = writeAwsEnv(awsEnvFile, awsEnvironment(runtime), `The running npm start's AWS endpoint (${new Date().toISOString()}), for the AWS CLI and SDK scripts: source ${awsEnvName}`);
  log.info(`  For other tools (AWS CLI, SDK scripts, npm run redrive): source ${awsEnvName}   (AWS_ENDPOINT_URL=${runtime.awsEndpoint}, region ${runtime.region}, local operator credentials)`);
  if (dataDirectory) log.info(`  Data kept in ${relative(projectDirectory, dataDirectory)} across restarts (--persist)`);
  log.info('');
  for (const line of describeNotEmulated(model)) log.info(line);
  for (const warning of model.warnings) log.warn(`Warning: ${warning}`);
  const faults = runtime.chaos.describe();
  if (faults.length > 0) log.warn(`\nChaos is on (--chaos): faults are injected into the app.\n${faults.map((line) => `  ${line}`).join('\n')}`);
  if (!watching) log.info('\nNot watching for changes (--no-watch): restart to apply them.');
  else {
    watching(runtime);
    log.info('\nWatching the app\'s sources (cdk.json "watch"): a function\'s change rebuilds that function, any other change re-synthesizes. Ctrl-C stops.');
  }
};

main().catch(async (error: Error) => {
  log.warn(`Could not start: ${error.message}`);
  await (await starting?.catch(() => undefined))?.stop();
  process.exit(1);
});
