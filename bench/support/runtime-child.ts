/**
 * The local runtime in a process of its own, for the benchmarks: the load they generate then does not
 * share the runtime's event loop, as with `npm start`. Started by `startRuntimeProcess`; answers over IPC.
 */
import type { FunctionSpec } from '../../local/assembly/app-model';
import type { InvocationReport } from '../../local/lambda/execution-environment';
import { silentLog } from '../../local/logs/runtime-log';
import { startLocalRuntime } from '../../local/runtime';
import { type RequestCounter, startRequestCounter } from './request-counter';
import type { FunctionMeasures, RuntimeProcessOptions, ToParent, ToRuntime } from './runtime-protocol';

const send = (message: ToParent) => process.send!(message);

const main = async () => {
  const options = JSON.parse(process.argv[2]!) as RuntimeProcessOptions;
  let counter: RequestCounter | undefined;
  let functions: Record<string, FunctionMeasures> = {};
  const measuresOf = (fn: FunctionSpec) =>
    (functions[fn.displayName] ??= { memoryMb: fn.memoryMb, durationsMs: [], initDurationsMs: [], maxMemoryUsedMb: 0, logBytes: 0 });

  const runtime = await startLocalRuntime({
    projectDirectory: options.projectDirectory,
    assembly: options.assembly,
    eventSources: options.eventSources,
    port: 0,
    log: {
      ...silentLog,
      warn: (message) => console.error(`[runtime] ${message}`),
      functionLine: (fn, line) => void (measuresOf(fn).logBytes += Buffer.byteLength(line) + 1),
    },
    emulatorEndpoints: options.countRequests ? async (listening) => (counter = await startRequestCounter(listening)).endpoints : undefined,
    onInvocation: (fn: FunctionSpec, report: InvocationReport) => {
      const measures = measuresOf(fn);
      measures.durationsMs.push(report.durationMs);
      if (report.initDurationMs !== undefined) measures.initDurationsMs.push(report.initDurationMs);
      measures.maxMemoryUsedMb = Math.max(measures.maxMemoryUsedMb, report.memoryUsedMb);
    },
  });

  const stop = async () => {
    await runtime.stop();
    await counter?.stop();
    process.exit(0);
  };
  process.on('disconnect', () => void stop());
  process.on('message', (message: ToRuntime) => {
    if (message.type === 'stop') void stop();
    else if (message.type === 'chaos') {
      runtime.chaos.set(message.spec ?? undefined);
      send({ type: 'chaos', describe: runtime.chaos.describe(), counts: runtime.chaos.counts() });
    }
    else if (message.type === 'reset') {
      functions = {};
      counter?.reset();
      send({ type: 'reset' });
    } else send({ type: 'measures', functions, requests: counter?.counts() });
  });
  const { notEmulated: _, ...model } = runtime.model;
  send({ type: 'ready', url: runtime.url, endpoints: runtime.endpoints, awsEndpoint: runtime.awsEndpoint, region: runtime.region, model });
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
