/**
 * `npm run bench:cold-start`: the cold-start section of `npm run bench` alone (about a minute), printed
 * instead of written to the report, for measuring a change to the bundles. Options:
 *   --runs <n>          fresh-process loads per function and per floor (15, as the full run)
 *   --baseline <dir>    also load the functions of another synthesized app (e.g. one kept with --keep
 *                       from a checkout before the change), interleaved with these: an A/B comparison
 *                       under the same conditions, each side against floors loaded with its own environment.
 *                       Repeat it to compare several (each is named after its directory's parent)
 *   --keep              keep the work directory (its `app.out` can be a later run's --baseline)
 */
import { mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { FunctionSpec } from '../../local/assembly/app-model';
import { loadAverage } from '../report/machine';
import { startRuntimeProcess } from '../support/runtime-process';
import { synthesizeInto } from '../support/synthesize';
import { type ColdStartFigures, measureColdStarts } from './cold-start';
import { runBenchCommand } from '../support/run-command';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { values: flags } = parseArgs({ options: { runs: { type: 'string' }, baseline: { type: 'string', multiple: true }, keep: { type: 'boolean' } } });
const runs = Number(flags.runs ?? 15);
const projectDirectory = join(__dirname, '..', '..');
const workDirectory = join(projectDirectory, '.local', 'bench', `cold-start-${new Date().toISOString().replace(/[:.]/g, '-')}`);

/** The functions of a synthesized app as the local runtime describes them (it is stopped before anything is loaded). */
const describeFunctions = async (assembly: string): Promise<{ functions: FunctionSpec[]; awsEndpoint: string }> => {
  const runtime = await startRuntimeProcess({ projectDirectory, assembly, eventSources: false, countRequests: false });
  try {
    return { functions: runtime.model.functions, awsEndpoint: runtime.awsEndpoint };
  } finally {
    await runtime.stop();
  }
};

const row = (figures: ColdStartFigures) =>
  [
    figures.function,
    (figures.codeBytes / 1024).toFixed(0),
    (figures.sourceMapBytes / 1024).toFixed(0),
    `${figures.load.median.toFixed(1)} / ${figures.load.p90.toFixed(1)}`,
    (figures.floor.codeBytes / 1024).toFixed(0),
    `${figures.floor.load.median.toFixed(1)} / ${figures.floor.load.p90.toFixed(1)}`,
    `${figures.ratio.toFixed(2)}x`,
    figures.unusedSdkClients.join(', ') || '-',
    figures.topContributors.map(({ name, bytes }) => `${name} ${(bytes / 1024).toFixed(0)}`).join(', '),
  ].join(' | ');

const main = async () => {
  mkdirSync(workDirectory, { recursive: true });
  console.error(`[cold-start] synthesizing into ${workDirectory}/app.out`);
  await synthesizeInto(projectDirectory, join(workDirectory, 'app.out'));
  const current = await describeFunctions(join(workDirectory, 'app.out'));
  const labels = ['current'];
  const functions = [...current.functions];
  for (const directory of (flags.baseline ?? []).map((given) => resolve(given))) {
    const label = basename(dirname(directory));
    labels.push(label);
    functions.push(...(await describeFunctions(directory)).functions.map((fn) => ({ ...fn, displayName: `[${label}] ${fn.displayName}` })));
  }
  const labelOf = (figures: ColdStartFigures) => /^\[(.+?)\] /.exec(figures.function)?.[1] ?? 'current';
  const nameOf = (figures: ColdStartFigures) => figures.function.replace(/^\[.+?\] /, '');
  const loadBefore = loadAverage();
  const started = performance.now();
  console.error(`[cold-start] ${functions.length} functions, ${runs} runs each, load average ${loadBefore.toFixed(1)}`);
  const figures = await measureColdStarts({ projectDirectory, workDirectory, functions, awsEndpoint: current.awsEndpoint }, runs);
  const seconds = (performance.now() - started) / 1000;
  console.log(`${runs} runs each, ${seconds.toFixed(0)} s; load average ${loadBefore.toFixed(1)} before, ${loadAverage().toFixed(1)} after (1 min)\n`);
  console.log('function | bundle KiB | map KiB | load ms median / p90 | floor KiB | floor ms median / p90 | ratio | unused SDK clients | top contributors (KiB)');
  console.log('--- | --- | --- | --- | --- | --- | --- | --- | ---');
  // Each function, its baselines beside it, in the order given, then the current one.
  const order = (figures: ColdStartFigures) => (labels.indexOf(labelOf(figures)) + labels.length - 1) % labels.length;
  const sorted = [...figures].sort((a, b) => nameOf(a).localeCompare(nameOf(b)) || order(a) - order(b));
  for (const figure of sorted) console.log(row(figure));
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  for (const label of labels) {
    const subset = figures.filter((figure) => labelOf(figure) === label);
    console.log(
      `\n${label}: median over functions: bundle ${median(subset.map((f) => f.codeBytes / 1024)).toFixed(0)} KiB, load ${median(subset.map((f) => f.load.median)).toFixed(1)} ms, ` +
        `floor ${median(subset.map((f) => f.floor.load.median)).toFixed(1)} ms, ratio ${median(subset.map((f) => f.ratio)).toFixed(2)}x, process ${median(subset.map((f) => f.process.median)).toFixed(1)} ms`,
    );
  }
};

void runBenchCommand(main, workDirectory, flags.keep === true);
