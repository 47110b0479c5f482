import { summarize } from '../support/stats';
import type { WireFormatsReport } from '../wire-formats/wire-formats';
import type { BenchReport } from './bench-report';
import { renderChaos } from '../chaos/markdown';
import { table } from './markdown-table';
import { checkTargets } from './targets';


const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)}`;
const ms = (value: number, digits = 1) => value.toFixed(digits);
const conditions = (report: BenchReport, section: string) => {
  const measured = report.conditions[section];
  return measured ? `_${ms(measured.seconds, 0)} s; load average ${ms(measured.loadBefore)} before, ${ms(measured.loadAfter)} after (${report.machine.cores} cores)._` : '';
};

const coldStart = (report: BenchReport) => [
  '### Cold start, per function',
  '',
  'Load = `require()` of the deployed bundle in a fresh Node process with the function\'s environment (its',
  '`NODE_OPTIONS` included), module scope included; floor = a ServiceFunction bundle of a bare handler that',
  `imports only the AWS SDK clients the function sends commands with. ${report.coldStart[0]?.load.count ?? 0} runs each, interleaved.`,
  conditions(report, 'coldStart'),
  '',
  table(
    ['function', 'bundle KiB', 'map KiB', 'load ms median / p90', 'floor KiB', 'floor ms median / p90', 'ratio', 'SDK clients in the bundle but unused', 'top contributors (KiB)'],
    report.coldStart.map((fn) => [
      fn.function,
      kb(fn.codeBytes),
      kb(fn.sourceMapBytes),
      `${ms(fn.load.median)} / ${ms(fn.load.p90)}`,
      kb(fn.floor.codeBytes),
      `${ms(fn.floor.load.median)} / ${ms(fn.floor.load.p90)}`,
      `${fn.ratio.toFixed(2)}x`,
      fn.unusedSdkClients.map((name) => name.replace('@aws-sdk/', '')).join(', ') || '-',
      fn.topContributors.map((contributor) => `${contributor.name} ${kb(contributor.bytes)}`).join(', '),
    ]),
  ),
];

const handlerOverhead = (report: BenchReport) => [
  '### Warm overhead, per HTTP handler',
  '',
  'In-process, alternating: the deployed handler with the event the local gateway builds (JWT claims',
  'included); the same route\'s logic called bare on pre-parsed input (both against the emulators); and the',
  'same middleware around a stand-in that answers at once what the logic answered. Overhead = the last one:',
  'what middleware, validation, logging, metrics and tracing cost per call. The difference of the first two',
  'medians says the same, blurred by the logic\'s I/O (within noise for routes that hash passwords).',
  conditions(report, 'handlerOverhead'),
  '',
  table(
    ['route', 'status', 'calls', 'handler µs median / p99', 'bare logic µs median / p99', 'difference µs', 'overhead µs median / p99'],
    report.handlerOverhead.routes.map((route) => [
      `\`${route.route}\``,
      Object.keys(route.statuses).join(', '),
      route.handler.count,
      `${ms(route.handler.median, 0)} / ${ms(route.handler.p99, 0)}`,
      `${ms(route.bare.median, 0)} / ${ms(route.bare.p99, 0)}`,
      ms(route.differenceMicros, 0),
      `**${ms(route.middleware.median, 0)}** / ${ms(route.middleware.p99, 0)}`,
    ]),
  ),
  ...(report.handlerOverhead.withoutScenario.length ? ['', `No scenario for: ${report.handlerOverhead.withoutScenario.join(', ')}.`] : []),
];

const gateway = (report: BenchReport) => [
  '### Gateway latency on the local runtime',
  '',
  `Authenticated \`${report.gateway.route}\` (${report.gateway.bodyBytes} bytes) with autocannon, ${report.gateway.levels[0]?.gateway.seconds ?? 0} s per`,
  'level, next to a minimal Node HTTP server returning the same body (the machine\'s floor).',
  conditions(report, 'gateway'),
  '',
  table(
    ['connections', 'gateway req/s', 'gateway ms p50 / p90 / p99', 'floor req/s', 'floor ms p50 / p90 / p99', 'req/s ratio', 'errors'],
    report.gateway.levels.map(({ gateway: measured, floor }) => [
      measured.connections,
      ms(measured.requestsPerSecond, 0),
      `${measured.latency.p50} / ${measured.latency.p90} / ${measured.latency.p99}`,
      ms(floor.requestsPerSecond, 0),
      `${floor.latency.p50} / ${floor.latency.p90} / ${floor.latency.p99}`,
      `${(measured.requestsPerSecond / floor.requestsPerSecond).toFixed(3)}`,
      measured.errors + floor.errors,
    ]),
  ),
];

/** The order read four ways; also printed alone by `npm run bench:wire-formats`. */
export const renderWireFormats = (figures: WireFormatsReport, measuredUnder: string) => [
  '### One order read over REST, Connect and gRPC-Web',
  '',
  `A ${figures.order.status} order of ${figures.order.lines} lines read ${figures.calls} times each way, the ways alternating, one call at a time on a`,
  'kept-alive connection, through the local gateway (JWT verified) to a warm function: `GET /orders/{orderId}` and',
  '`shop.v1.OrderService/GetOrder`. On the wire = request line, headers (a bearer token of about 700 bytes among them) and body.',
  measuredUnder,
  '',
  table(
    ['format', 'call', 'request body B', 'answer body B', 'request on the wire B', 'answer on the wire B', 'latency ms p50 / p90 / p99'],
    figures.formats.map((format) => [
      format.format,
      `\`${format.call}\``,
      format.requestBodyBytes,
      format.responseBodyBytes,
      format.requestWireBytes,
      format.responseWireBytes,
      `${ms(format.latencyMs.median)} / ${ms(format.latencyMs.p90)} / ${ms(format.latencyMs.p99)}`,
    ]),
  ),
];

const saga = (report: BenchReport) => {
  const { saga: figures, orderCost } = report;
  return [
    '### Saga throughput',
    '',
    `${figures.orders} orders over HTTP from ${figures.shoppers} shoppers for ${figures.products} products, ${figures.concurrency} at a time,`,
    'each polled until CONFIRMED; latency from POST to the terminal state\'s `updatedAt`. Ceiling: the',
    `emulators alone replaying the operations one order needs (counted through a proxy over ${orderCost.orders} orders) at the same concurrency.`,
    conditions(report, 'saga'),
    '',
    table(
      ['orders/s', 'latency ms p50 / p90 / p99', 'errors', 'left in DLQs', 'ceiling orders/s', 'ratio'],
      [
        [
          ms(figures.ordersPerSecond),
          `${ms(figures.latency.median, 0)} / ${ms(figures.latency.p90, 0)} / ${ms(figures.latency.p99, 0)}`,
          `${figures.errors}${figures.errorSamples.length ? ` (${figures.errorSamples.join('; ')})` : ''}`,
          Object.values(figures.deadLetters).reduce((total, count) => total + count, 0),
          `${ms(figures.ceiling.ordersPerSecond)} (replay client at ${ms(figures.ceiling.clientCpuPercent, 0)}% CPU)`,
          figures.ratio.toFixed(2),
        ],
      ],
    ),
    '',
    'Per function during the saga (durations measured inside the execution environment):',
    '',
    table(
      ['function', 'invocations per order (counted)', 'invocations', 'ms median / p90 / p99', 'memory MB used / set', 'log bytes per order'],
      Object.entries(figures.functions).map(([name, fn]) => [
        name,
        (orderCost.invocations[name] ?? 0).toFixed(2),
        fn.invocations,
        `${ms(fn.durationMs.median)} / ${ms(fn.durationMs.p90)} / ${ms(fn.durationMs.p99)}`,
        `${ms(fn.maxMemoryUsedMb, 0)} / ${fn.memoryMb}`,
        ms(orderCost.logBytes[name] ?? 0, 0),
      ]),
    ),
    '',
    `CPU per order, by part (${ms(Object.values(figures.cpuMsPerOrder).reduce((total, value) => total + value, 0), 0)} ms in all; the machine has ${report.machine.cores} cores):`,
    '',
    table(
      ['part', 'CPU ms per order'],
      Object.entries(figures.cpuMsPerOrder)
        .sort(([, a], [, b]) => b - a)
        .map(([part, value]) => [part, ms(value)]),
    ),
    '',
    'Emulator requests per order (counting run; reads that found nothing left out):',
    '',
    table(
      ['operation', 'requests', 'items', 'capacity units (write / read)', 'replayed for the ceiling'],
      Object.entries(orderCost.operations).map(([name, count]) => [
        `\`${name}\``,
        count.requests.toFixed(2),
        count.items.toFixed(2),
        `${count.writeUnits.toFixed(1)} / ${count.readUnits.toFixed(1)}`,
        name in figures.ceiling.replayed ? 'yes' : 'no',
      ]),
    ),
  ];
};

/** The start-up and inner-loop figures: `npm run bench`'s startup section, and `npm run bench:inner-loop`. */
export const renderInnerLoop = (figures: Pick<BenchReport, 'npmStart' | 'editToServed' | 'npmTest'>, measuredUnder: string) => {
  const ready = summarize(figures.npmStart.readySeconds);
  const edits = figures.editToServed;
  const saves = (values: number[]) => {
    const summary = summarize(values);
    return `${ms(summary.median, 2)} / ${ms(summary.p90, 2)} / ${ms(summary.max, 2)}`;
  };
  return [
    '### Start-up and the inner loop',
    '',
    table(
      ['measure', 'seconds'],
      [
        ['`npm start` to `Ready`, first start (it synthesizes the app)', ms(figures.npmStart.firstReadySeconds)],
        [`\`npm start\` to \`Ready\`, second start (nothing changed: the synthesized app reused; ${ready.count} run${ready.count === 1 ? '' : 's'}, median / max)`, `${ms(ready.median)} / ${ms(ready.max)}`],
        [`A one-line change to \`${edits.file}\` saved in place, to the first answer of \`${edits.route}\` with it (${edits.inPlaceSeconds.length} saves, median / p90 / max)`, saves(edits.inPlaceSeconds)],
        [`The same saved by renaming a new file over it (${edits.renameSeconds.length} saves, median / p90 / max)`, saves(edits.renameSeconds)],
        [
          '`npm test`, whole suite',
          figures.npmTest ? `${ms(figures.npmTest.seconds, 0)}${figures.npmTest.exitCode === 0 ? '' : ` (FAILED, exit ${figures.npmTest.exitCode})`}` : 'not run',
        ],
      ],
    ),
    '',
    `The runtime's line for the last reload: \`${edits.lastReload}\``,
    '',
    measuredUnder,
  ];
};

/** The one-route app beside serverless-offline: `npm run bench`'s serverlessOffline section, and `npm run bench:inner-loop`. */
export const renderServerlessOfflineComparison = (figures: BenchReport['serverlessOffline'], measuredUnder: string) => {
  const { runtime, serverlessOffline } = figures;
  const ready = (served: { readySeconds: number[] }) => {
    const summary = summarize(served.readySeconds);
    return summary.count === 1 ? ms(summary.median) : `${ms(summary.median)} (${ms(summary.min)}–${ms(summary.max)})`;
  };
  const rows = [runtime, serverlessOffline].map((served) => [
    served.tool,
    ready(served),
    ms(served.idleMiB, 0),
    ...served.load.map((load) => `${load.requestsPerSecond.toFixed(0)} (p99 ${ms(load.latency.p99, 0)} ms${load.errors ? `, ${load.errors} errors` : ''})`),
  ]);
  return [
    '### A one-route app beside serverless-offline',
    '',
    'One HTTP route, one function, no AWS resource (bench/one-route), on the same handler; serverless 3.40.0 with serverless-offline 13.10.1',
    `(bench/serverless-offline). Ready: from the command to the first 200 (median of ${runtime.readySeconds.length} start${runtime.readySeconds.length === 1 ? '' : 's'}; this runtime's`,
    `first start, which synthesizes the app, took ${ms(runtime.firstReadySeconds ?? Number.NaN)} s). Idle memory: resident memory of the whole process tree 2 s after the first answer.`,
    '',
    table(['', 'ready (s)', 'idle memory (MiB)', ...runtime.load.map((load) => `req/s at ${load.connections} connection${load.connections === 1 ? '' : 's'}`)], rows),
    '',
    measuredUnder,
  ];
};

/** The targets a run's figures meet or not, as a table. */
export const renderTargets = (checks: ReturnType<typeof checkTargets>) =>
  table(
    ['target (issues 6 and 12)', 'measured', 'met'],
    checks.map((check) => [check.target, check.measured, check.met ? 'yes' : '**no**']),
  );

/** The report as Markdown: printed after a run and written into docs/benchmarks.md. */
export const renderReport = (report: BenchReport): string => {
  const { machine } = report;
  return [
    `Run of ${machine.date.slice(0, 16).replace('T', ' ')} UTC${report.quick ? ' (--quick: fewer runs, shorter loads)' : ''} on ${machine.cpu},`,
    `${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, commit ${machine.commit}` +
      (machine.uncommitted.length ? ` with uncommitted changes to ${machine.uncommitted.join(', ')}.` : '.'),
    '',
    renderTargets(checkTargets(report)),
    '',
    ...coldStart(report),
    '',
    ...handlerOverhead(report),
    '',
    ...gateway(report),
    '',
    ...renderWireFormats(report.wireFormats, conditions(report, 'wireFormats')),
    '',
    ...saga(report),
    '',
    ...renderInnerLoop(report, conditions(report, 'startup')),
    '',
    ...renderServerlessOfflineComparison(report.serverlessOffline, conditions(report, 'serverlessOffline')),
    '',
    ...(report.chaos ? [renderChaos(report.chaos, report.conditions.chaos, report.machine.cores), ''] : []),
  ].join('\n');
};
