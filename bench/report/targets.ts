import { summarize } from '../support/stats';
import type { BenchReport } from './bench-report';

export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

/** The targets of issue 6, checked against one run's figures. */
export const checkTargets = (report: BenchReport): TargetCheck[] => {
  const worstCold = [...report.coldStart].sort((a, b) => b.ratio - a.ratio)[0];
  const worstOverhead = [...report.handlerOverhead.routes].sort((a, b) => b.overheadMicros - a.overheadMicros)[0];
  const ready = summarize(report.npmStart.readySeconds).median;
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
    { target: '`npm start` ready in under 15 s', measured: `${ready.toFixed(1)} s`, met: ready < 15 },
  ];
};
