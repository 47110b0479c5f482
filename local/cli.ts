/**
 * `npm start`: runs the CDK app locally (see docs/local-runtime.md). Options: `--json` for JSON log
 * lines, `--no-watch` to not reload on changes, `--iam off` to let functions call everything,
 * `--app <command>` and `-c key=value` as with the CDK CLI, `--chaos <spec>` to inject faults (see
 * local/chaos/chaos-spec.ts). Environment: PORT, ADMIN_EMAIL, ADMIN_PASSWORD.
 */
import { parseArgs } from 'node:util';
import { ChaosSpecError, parseChaosSpec } from './chaos/chaos-spec';
import { jsonLog } from './logs/json-log';
import { prettyLog } from './logs/pretty-log';
import { describeNotEmulated, describeRunning } from './report';
import { type LocalRuntime, startLocalRuntime } from './runtime';
import { defaultAdmin, seedAdmin } from './seed-admin';
import { watchSources } from './watch';

const { values: flags } = parseArgs({
  options: {
    json: { type: 'boolean' },
    'no-watch': { type: 'boolean' },
    app: { type: 'string' },
    context: { type: 'string', short: 'c', multiple: true },
    iam: { type: 'string' },
    chaos: { type: 'string' },
  },
});
if (flags.iam !== undefined && flags.iam !== 'on' && flags.iam !== 'off') throw new Error(`--iam takes on or off, not ${flags.iam}`);
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
const projectDirectory = process.cwd();

let starting: Promise<LocalRuntime> | undefined;
let stopping: number | undefined;
let closeWatcher = () => undefined as void;

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

const reloadOnChange = (started: LocalRuntime) => {
  const watcher = watchSources(projectDirectory, (files) => {
    if (stopping !== undefined) return;
    const since = Date.now();
    log.info(`Changed: ${files.slice(0, 3).join(', ')}${files.length > 3 ? ` and ${files.length - 3} more` : ''}. Synthesizing and reloading...`);
    started.reload().then(
      ({ changedFunctions, createdSecrets }) =>
        log.info(
          `Reloaded in ${((Date.now() - since) / 1000).toFixed(1)} s: ` +
            (changedFunctions.length ? `new code or settings for ${changedFunctions.join(', ')}` : 'no function changed') +
            (createdSecrets.length ? `; new secrets ${createdSecrets.join(', ')}` : ''),
        ),
      (error: Error) => log.warn(`Reload failed; the previous version keeps running.\n${error.message}`),
    );
  });
  closeWatcher = () => watcher.close();
};

const main = async () => {
  const started = Date.now();
  log.info(`Local runtime for ${projectDirectory} on Node ${process.version}`);
  starting = startLocalRuntime({
    projectDirectory,
    app: flags.app,
    port: Number(process.env.PORT ?? 3000),
    // The shop's only payment provider is the simulator; a deployment must ask for it, and so does this run.
    context: { paymentProvider: 'simulator', ...context },
    iam: flags.iam !== 'off',
    chaos,
    log,
  });
  const runtime = await starting;
  if (stopping !== undefined) return;
  const { model, url } = runtime;
  const seeded = await seedAdmin(runtime, admin);

  log.info(`\nReady: ${url} (in ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  if (seeded) {
    log.info(`Admin account (${seeded}): ${admin.email} / ${admin.password}  (set ADMIN_EMAIL and ADMIN_PASSWORD to change)\n`);
  }
  for (const line of describeRunning(model, runtime)) log.info(line);
  log.info('');
  for (const line of describeNotEmulated(model)) log.info(line);
  for (const warning of model.warnings) log.warn(`Warning: ${warning}`);
  const faults = runtime.chaos.describe();
  if (faults.length > 0) log.warn(`\nChaos is on (--chaos): faults are injected into the app.\n${faults.map((line) => `  ${line}`).join('\n')}`);
  if (flags['no-watch']) log.info('\nNot watching for changes (--no-watch): restart to apply them.');
  else {
    reloadOnChange(runtime);
    log.info('\nWatching the app\'s sources (cdk.json "watch"): a change re-synthesizes and reloads. Ctrl-C stops.');
  }
};

main().catch(async (error: Error) => {
  log.warn(`Could not start: ${error.message}`);
  await (await starting?.catch(() => undefined))?.stop();
  process.exit(1);
});
