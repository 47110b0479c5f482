/**
 * `npm run bench:wire-formats`: the wire-format section of `npm run bench` alone (about a minute):
 * one order read over REST JSON, Connect JSON, Connect binary and gRPC-Web, printed as Markdown.
 * Options: --calls <n> reads per format (300, as the full run).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadAverage } from '../report/machine';
import { renderWireFormats } from '../report/markdown';
import { runBenchCommand } from '../support/run-command';
import { startRuntimeProcess } from '../support/runtime-process';
import { benchAdmin } from '../support/shop-client';
import { synthesizeInto } from '../support/synthesize';
import { fullSettings } from '../settings';
import { measureWireFormats } from './wire-formats';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { values: flags } = parseArgs({ options: { calls: { type: 'string' }, keep: { type: 'boolean' } } });
const projectDirectory = join(__dirname, '..', '..');
const workDirectory = join(projectDirectory, '.local', 'bench', `wire-formats-${new Date().toISOString().replace(/[:.]/g, '-')}`);

const main = async () => {
  mkdirSync(workDirectory, { recursive: true });
  const assembly = join(workDirectory, 'app.out');
  await synthesizeInto(projectDirectory, assembly, { context: { adminEmails: [benchAdmin.email] } });
  const runtime = await startRuntimeProcess({ projectDirectory, assembly, eventSources: true, countRequests: false });
  try {
    const loadBefore = loadAverage();
    const started = performance.now();
    const figures = await measureWireFormats(runtime.url, { calls: Number(flags.calls ?? fullSettings.wireFormatCalls) });
    const seconds = (performance.now() - started) / 1000;
    console.log(renderWireFormats(figures, `_${seconds.toFixed(0)} s; load average ${loadBefore.toFixed(1)} before, ${loadAverage().toFixed(1)} after._`).join('\n'));
  } finally {
    await runtime.stop();
  }
};

void runBenchCommand(main, workDirectory, flags.keep === true);
