/**
 * `npm run bench:inner-loop`: `npm start` first and second start, edit → served (in place and by rename)
 * and the one-route app beside serverless-offline, next to their targets: the sections of `npm run bench`
 * that issue 12 set targets for, alone (about 3 minutes; `-- --quick`, fewer runs, about 1.5). Printed,
 * and written to .local/bench/inner-loop.md and .json; `-- --keep` keeps the work directory.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadAverage, machineFacts } from '../report/machine';
import { renderInnerLoop, renderServerlessOfflineComparison, renderTargets } from '../report/markdown';
import { checkInnerLoopTargets } from '../report/targets';
import { fullSettings, quickSettings } from '../settings';
import { runBenchCommand } from '../support/run-command';
import { measureEditToServed } from './edit-to-served';
import { measureNpmStart } from './npm-start';
import { compareWithServerlessOffline } from './serverless-offline-comparison';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { values: flags } = parseArgs({ options: { quick: { type: 'boolean' }, keep: { type: 'boolean' } } });
const settings = flags.quick ? quickSettings : fullSettings;
const projectDirectory = join(__dirname, '../..');
const outputDirectory = join(projectDirectory, '.local', 'bench');
const workDirectory = join(outputDirectory, `inner-loop-${new Date().toISOString().replace(/[:.]/g, '-')}`);

const timed = async <T>(name: string, measure: () => Promise<T>): Promise<{ figures: T; under: string }> => {
  const loadBefore = loadAverage();
  const started = performance.now();
  console.error(`[bench] ${name}...`);
  const figures = await measure();
  const seconds = (performance.now() - started) / 1000;
  return { figures, under: `_${seconds.toFixed(0)} s; load average ${loadBefore.toFixed(1)} before, ${loadAverage().toFixed(1)} after._` };
};

const main = async () => {
  const machine = machineFacts(projectDirectory);
  mkdirSync(workDirectory, { recursive: true });
  const localDirectory = join(workDirectory, 'npm-start-local');
  const startup = await timed('startup', async () => ({
    npmStart: await measureNpmStart(projectDirectory, localDirectory, settings.startRuns),
    editToServed: await measureEditToServed(projectDirectory, localDirectory, settings.edits),
  }));
  const comparison = await timed('serverlessOffline', () =>
    compareWithServerlessOffline(projectDirectory, workDirectory, { starts: settings.comparisonStarts, loadSeconds: settings.comparisonLoadSeconds, connections: [1, 16] }),
  );
  const figures = { ...startup.figures, serverlessOffline: comparison.figures };
  const markdown = [
    `Run of ${machine.date.slice(0, 16).replace('T', ' ')} UTC${settings.quick ? ' (--quick)' : ''}, ${machine.cores} cores, Node ${machine.node}, commit ${machine.commit}.`,
    '',
    renderTargets(checkInnerLoopTargets(figures)),
    '',
    ...renderInnerLoop(figures, startup.under),
    '',
    ...renderServerlessOfflineComparison(comparison.figures, comparison.under),
    '',
  ].join('\n');
  console.log(markdown);
  writeFileSync(join(outputDirectory, 'inner-loop.md'), markdown);
  writeFileSync(join(outputDirectory, 'inner-loop.json'), `${JSON.stringify({ machine, quick: settings.quick, ...figures }, null, 2)}\n`);
};

void runBenchCommand(main, workDirectory, flags.keep === true);
