/**
 * `npm run bench:chaos`: orders under every fault (docs/benchmarks.md, "Orders under every fault").
 * `-- --orders <n>` (default 1,000), `--concurrency <n>` (16), `--spec '<chaos spec>'` (`all`, with a
 * random seed), `--context app` (the app's own context, as `npm start` runs it: 900 s to end an order, a
 * payment simulator that never fails, instead of the drill's), `--quick` (100 orders, written to
 * .local/bench/ instead of docs/), `--keep` (keep the work directory). Fails (exit 1) if an invariant is
 * violated.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatChaosSpec, parseChaosSpec } from '../../local/chaos/chaos-spec';
import { seedAdmin } from '../../local/seed-admin';
import { loadAverage, machineFacts } from '../report/machine';
import { writeGeneratedSection } from '../report/write-report';
import { runBenchCommand } from '../support/run-command';
import { startRuntimeProcess } from '../support/runtime-process';
import { benchAdmin } from '../support/shop-client';
import { synthesizeInto } from '../support/synthesize';
import { cdkContextOf } from '../support/assembly-variant';
import { chaosDrillSettings, measureChaosDrill } from './chaos-drill';

/** The app's own `orderTimeoutSeconds` (README, "Configuration"). */
const appOrderTimeoutSeconds = 900;
import { renderChaos } from './markdown';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { values: flags } = parseArgs({
  options: {
    orders: { type: 'string' },
    concurrency: { type: 'string' },
    spec: { type: 'string' },
    context: { type: 'string', default: 'drill' },
    quick: { type: 'boolean' },
    keep: { type: 'boolean' },
  },
});
const projectDirectory = join(__dirname, '../..');
const workDirectory = join(projectDirectory, '.local', 'bench', `chaos-${new Date().toISOString().replace(/[:.]/g, '-')}`);
const log = (line: string) => console.error(`[bench:chaos] ${line}`);

const main = async () => {
  const orders = Number(flags.orders ?? (flags.quick ? 100 : 1_000));
  const concurrency = Number(flags.concurrency ?? 16);
  // Parsed here, so that a bad spec fails before the synthesis, and the report names the seed.
  const spec = formatChaosSpec(parseChaosSpec(flags.spec ?? 'all'));
  if (flags.context !== 'drill' && flags.context !== 'app') throw new Error(`--context takes drill or app, not ${flags.context}`);
  const drill = flags.context === 'drill';
  const machine = machineFacts(projectDirectory);
  log(`${orders} orders, ${concurrency} at a time, on ${machine.cores} cores, load average ${loadAverage().toFixed(1)}`);
  mkdirSync(workDirectory, { recursive: true });
  const assembly = join(workDirectory, 'app.out');
  await synthesizeInto(projectDirectory, assembly, { context: drill ? cdkContextOf(chaosDrillSettings) : {} });
  const runtime = await startRuntimeProcess({ projectDirectory, assembly, eventSources: true, countRequests: false });
  try {
    await seedAdmin(runtime, benchAdmin);
    const loadBefore = loadAverage();
    const started = performance.now();
    const figures = await measureChaosDrill(
      runtime,
      {
        orders,
        concurrency,
        shoppers: concurrency,
        skus: 10,
        spec,
        orderTimeoutSeconds: drill ? chaosDrillSettings.orderTimeoutSeconds : appOrderTimeoutSeconds,
        paymentSimulator: drill ? cdkContextOf({ paymentSimulator: chaosDrillSettings.paymentSimulator }) : {},
      },
      log,
    );
    const conditions = { seconds: (performance.now() - started) / 1000, loadBefore, loadAfter: loadAverage() };
    const markdown = `${renderChaos(figures, conditions, machine.cores)}\n\n_${machine.date}, commit ${machine.commit}${machine.uncommitted.length ? ' with changes' : ''}, ${machine.cpu}, Node ${machine.node}._`;
    console.log(markdown);
    if (flags.quick) {
      mkdirSync(join(projectDirectory, '.local', 'bench'), { recursive: true });
      writeFileSync(join(projectDirectory, '.local', 'bench', 'chaos.md'), `${markdown}\n`);
      writeFileSync(join(projectDirectory, '.local', 'bench', 'chaos.json'), `${JSON.stringify({ machine, conditions, figures }, null, 2)}\n`);
    } else writeGeneratedSection(join(projectDirectory, 'docs', 'benchmarks.md'), markdown, 'npm run bench:chaos');
    if (figures.violations.length > 0) {
      log(`${figures.violations.length} invariants violated:\n  ${figures.violations.join('\n  ')}`);
      process.exitCode = 1;
    }
  } finally {
    await runtime.stop();
  }
};

void runBenchCommand(main, workDirectory, flags.keep === true);
