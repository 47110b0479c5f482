import { summarize } from '../support/stats';
import type { BenchReport } from './bench-report';

export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

const seconds = (value: number) => `${value.toFixed(2)} s`;

/** Issue 12's targets (and issue 6's for the first start): start-up, edit → served, the one-route comparison. */
export const checkInnerLoopTargets = (report: Pick<BenchReport, 'npmStart' | 'editToServed' | 'serverlessOffline'>): TargetCheck[] => {
  const firstReady = report.npmStart.firstReadySeconds;
  const secondReady = summarize(report.npmStart.readySeconds).median;
  const inPlace = summarize(report.editToServed.inPlaceSeconds);
  const renamed = summarize(report.editToServed.renameSeconds);
  const { runtime, serverlessOffline } = report.serverlessOffline;
  const readyOf = (figures: { readySeconds: number[] }) => summarize(figures.readySeconds).median;
  const throughputLead = runtime.load.every((load, index) => load.requestsPerSecond > (serverlessOffline.load[index]?.requestsPerSecond ?? Infinity));
  return [
    { target: '`npm start` ready in under 15 s (first start: it synthesizes the app)', measured: `${firstReady.toFixed(1)} s`, met: firstReady < 15 },
    { target: '`npm start` ready in under 6 s on a second start (nothing changed)', measured: `median ${secondReady.toFixed(1)} s`, met: secondReady < 6 },
    {
      target: 'a handler edit served in under 1 s (median), saved in place and by rename',
      measured: `in place median ${seconds(inPlace.median)} (p90 ${seconds(inPlace.p90)}), by rename ${seconds(renamed.median)} (p90 ${seconds(renamed.p90)})`,
      met: inPlace.median < 1 && renamed.median < 1,
    },
    {
      target: 'one-route app: ready and idle memory at or below serverless-offline\'s, more requests/s at 1 and 16 connections',
      measured:
        `ready ${readyOf(runtime).toFixed(1)} vs ${readyOf(serverlessOffline).toFixed(1)} s, idle ${runtime.idleMiB.toFixed(0)} vs ${serverlessOffline.idleMiB.toFixed(0)} MiB, ` +
        runtime.load.map((load, index) => `${load.requestsPerSecond.toFixed(0)} vs ${serverlessOffline.load[index]?.requestsPerSecond.toFixed(0)} req/s at ${load.connections}`).join(', '),
      met: readyOf(runtime) <= readyOf(serverlessOffline) && runtime.idleMiB <= serverlessOffline.idleMiB && throughputLead,
    },
  ];
};

/** The targets of issues 6 and 12, checked against one run's figures. */
export const checkTargets = (report: BenchReport): TargetCheck[] => {
  const worstCold = [...report.coldStart].sort((a, b) => b.ratio - a.ratio)[0];
  const worstOverhead = [...report.handlerOverhead.routes].sort((a, b) => b.overheadMicros - a.overheadMicros)[0];
  return [
    {
      target: 'every function loads within 1.2x of its floor',
      measured: worstCold ? `worst ${worstCold.ratio.toFixed(2)}x (${worstCold.function})` : 'no function',
      met: report.coldStart.every((fn) => fn.ratio <= 1.2),
    },
    {
      target: 'handler overhead under 1 ms per call',
      measured: worstOverhead ? `worst ${(worstOverhead.overheadMicros / 1000).toFixed(2)} ms (${worstOverhead.route})` : 'no route',
      met: report.handlerOverhead.routes.every((route) => route.overheadMicros < 1000),
    },
    {
      target: 'saga throughput at least half the emulators\' ceiling',
      measured: `${report.saga.ordersPerSecond.toFixed(1)} of ${report.saga.ceiling.ordersPerSecond.toFixed(1)} orders/s (${report.saga.ratio.toFixed(2)})`,
      met: report.saga.ratio >= 0.5,
    },
    {
      target: 'saga p99 under 2 s, no errors',
      measured: `p99 ${(report.saga.latency.p99 / 1000).toFixed(2)} s, ${report.saga.errors} errors`,
      met: report.saga.latency.p99 < 2000 && report.saga.errors === 0,
    },
    ...checkInnerLoopTargets(report),
  ];
};
