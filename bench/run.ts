/**
 * `npm run bench`: cold start, warm handler overhead, gateway latency, one order read over REST,
 * Connect and gRPC-Web, saga throughput, orders under every fault (`bench:chaos`), start-up (first and
 * second), edit → served, and a one-route app beside serverless-offline,
 * each next to its floor measured in the same run (see docs/benchmarks.md). `-- --quick` runs less of
 * each (under two minutes) and writes to .local/bench/ instead of docs/. `-- --keep` keeps the work
 * directory (synthesized app, floor bundles, harness bundles). BENCH_RUNTIME_PROFILE=<directory> writes a
 * CPU profile of each local runtime process (gateway, pollers) there, for finding where its time goes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatChaosSpec, parseChaosSpec } from '../local/chaos/chaos-spec';
import { chaosDrillSettings, measureChaosDrill } from './chaos/chaos-drill';
import { measureColdStarts } from './cold-start/cold-start';
import { writeCostModel } from './cost/run';
import { measureGatewayLatency } from './gateway-latency/gateway-latency';
import { measureHandlerOverhead } from './handler-overhead/handler-overhead';
import type { BenchReport, SectionConditions } from './report/bench-report';
import { loadAverage, machineFacts } from './report/machine';
import { renderReport } from './report/markdown';
import { writeGeneratedSection } from './report/write-report';
import { measureOrderCost } from './saga/order-cost';
import { measureSagaThroughput } from './saga/saga-throughput';
import { fullSettings, quickSettings } from './settings';
import { measureEditToServed } from './startup/edit-to-served';
import { measureNpmStart } from './startup/npm-start';
import { compareWithServerlessOffline } from './startup/serverless-offline-comparison';
import { measureNpmTest } from './startup/npm-test';
import { type RuntimeProcess, startRuntimeProcess } from './support/runtime-process';
import { seedAdmin } from '../local/seed-admin';
import { benchAdmin } from './support/shop-client';
import { assemblyWithSettings, cdkContextOf } from './support/assembly-variant';
import { synthesizeInto } from './support/synthesize';
import { runBenchCommand } from './support/run-command';
import { measureWireFormats } from './wire-formats/wire-formats';

// The lock file pins AWS SDK releases that support Node 20; their reminder that later ones will not is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { values: flags } = parseArgs({ options: { quick: { type: 'boolean' }, keep: { type: 'boolean' } } });
const settings = flags.quick ? quickSettings : fullSettings;
const projectDirectory = join(__dirname, '..');
const workDirectory = join(projectDirectory, '.local', 'bench', new Date().toISOString().replace(/[:.]/g, '-'));
const conditions: Record<string, SectionConditions> = {};

const section = async <T>(name: string, measure: () => Promise<T>): Promise<T> => {
  const loadBefore = loadAverage();
  const started = performance.now();
  console.error(`[bench] ${name}...`);
  const result = await measure();
  conditions[name] = { seconds: (performance.now() - started) / 1000, loadBefore, loadAfter: loadAverage() };
  console.error(`[bench] ${name} done in ${conditions[name].seconds.toFixed(0)} s`);
  return result;
};

const withRuntime = async <T>(
  options: { eventSources: boolean; countRequests: boolean; assembly?: string },
  use: (runtime: RuntimeProcess) => Promise<T>,
): Promise<T> => {
  const runtime = await startRuntimeProcess({ projectDirectory, ...options, assembly: options.assembly ?? join(workDirectory, 'app.out') });
  try {
    await seedAdmin(runtime, benchAdmin);
    return await use(runtime);
  } finally {
    await runtime.stop();
  }
};

const main = async () => {
  const started = performance.now();
  const machine = machineFacts(projectDirectory);
  console.error(`[bench] ${settings.quick ? 'quick run' : 'full run'} on ${machine.cores} cores, load average ${loadAverage().toFixed(1)}; work directory ${workDirectory}`);
  mkdirSync(workDirectory, { recursive: true });
  await section('synth', () => synthesizeInto(projectDirectory, join(workDirectory, 'app.out')));

  const { coldStart, handlerOverhead } = await withRuntime({ eventSources: false, countRequests: false }, async (runtime) => ({
    coldStart: await section('coldStart', () =>
      measureColdStarts({ projectDirectory, workDirectory, functions: runtime.model.functions, awsEndpoint: runtime.awsEndpoint }, settings.coldStartRuns),
    ),
    handlerOverhead: await section('handlerOverhead', () => measureHandlerOverhead({ projectDirectory, workDirectory, runtime }, { seconds: settings.handlerSeconds, minPairs: settings.handlerMinPairs })),
  }));
  const orderCost = await withRuntime({ eventSources: true, countRequests: true }, (runtime) =>
    section('orderCost', () => measureOrderCost(runtime, settings.countedOrders)),
  );
  const { gateway, wireFormats, saga } = await withRuntime({ eventSources: true, countRequests: false }, async (runtime) => ({
    gateway: await section('gateway', () => measureGatewayLatency(runtime.url, { seconds: settings.gatewaySeconds, concurrency: settings.gatewayConcurrency })),
    wireFormats: await section('wireFormats', () => measureWireFormats(runtime.url, { calls: settings.wireFormatCalls })),
    saga: await section('saga', () =>
      measureSagaThroughput(runtime, orderCost, {
        orders: settings.sagaOrders,
        concurrency: settings.sagaConcurrency,
        shoppers: settings.sagaShoppers,
        products: settings.sagaProducts,
      }),
    ),
  }));
  // The drill's app: the synthesized one, with a minute to end an order and a payment simulator that fails and loses answers.
  const chaosAssembly = assemblyWithSettings(join(workDirectory, 'app.out'), join(workDirectory, 'chaos.out'), chaosDrillSettings);
  const chaos = await withRuntime({ eventSources: true, countRequests: false, assembly: chaosAssembly }, (runtime) =>
    section('chaos', () =>
      measureChaosDrill(
        runtime,
        {
          orders: settings.chaosOrders,
          concurrency: settings.chaosConcurrency,
          shoppers: settings.chaosConcurrency,
          skus: 10,
          spec: formatChaosSpec(parseChaosSpec('all')),
          orderTimeoutSeconds: chaosDrillSettings.orderTimeoutSeconds,
          paymentSimulator: cdkContextOf({ paymentSimulator: chaosDrillSettings.paymentSimulator }),
        },
        (line) => console.error(`[bench] chaos: ${line}`),
      ),
    ),
  );
  // `npm start`'s own files (the synthesized app, aws.env) go here, not to the project's .local.
  const localDirectory = join(workDirectory, 'npm-start-local');
  const { npmStart, editToServed, npmTest } = await section('startup', async () => ({
    npmStart: await measureNpmStart(projectDirectory, localDirectory, settings.startRuns),
    editToServed: await measureEditToServed(projectDirectory, localDirectory, settings.edits),
    npmTest: settings.timeTestSuite ? await measureNpmTest(projectDirectory, join(workDirectory, 'npm-test.log')) : undefined,
  }));
  const serverlessOffline = await section('serverlessOffline', () =>
    compareWithServerlessOffline(projectDirectory, workDirectory, { starts: settings.comparisonStarts, loadSeconds: settings.comparisonLoadSeconds, connections: [1, 16] }),
  );

  const report: BenchReport = {
    machine,
    quick: settings.quick,
    conditions,
    coldStart,
    handlerOverhead,
    orderCost,
    gateway,
    wireFormats,
    saga,
    npmStart,
    editToServed,
    serverlessOffline,
    npmTest,
    chaos,
  };
  const markdown = renderReport(report);
  console.log(markdown);
  const [markdownFile, jsonFile] = settings.quick
    ? [join(projectDirectory, '.local', 'bench', 'quick.md'), join(projectDirectory, '.local', 'bench', 'quick.json')]
    : [join(projectDirectory, 'docs', 'benchmarks.md'), join(projectDirectory, 'docs', 'benchmarks.json')];
  // docs/benchmarks.md has prose around the report; the quick report is only the report.
  if (settings.quick) {
    mkdirSync(dirname(markdownFile), { recursive: true });
    writeFileSync(markdownFile, `${markdown.trim()}\n`);
  } else writeGeneratedSection(markdownFile, markdown, 'npm run bench');
  writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
  if (!settings.quick) console.log(writeCostModel(projectDirectory, join(workDirectory, 'app.out'), report));
  console.error(`[bench] done in ${((performance.now() - started) / 1000).toFixed(0)} s: ${markdownFile}, ${jsonFile}`);
  if (chaos.violations.length > 0) {
    console.error(`[bench] under faults, ${chaos.violations.length} invariants were violated:\n  ${chaos.violations.join('\n  ')}`);
    process.exitCode = 1;
  }
};

void runBenchCommand(main, workDirectory, flags.keep === true);
