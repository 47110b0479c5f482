import { table } from '../report/markdown-table';
import type { SectionConditions } from '../report/bench-report';
import type { ChaosFigures } from './chaos-drill';

const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, count) => sum + count, 0);
const nonZero = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ') || 'none';

/** The chaos drill's section of docs/benchmarks.md. */
export const renderChaos = (figures: ChaosFigures, conditions: SectionConditions | undefined, cores: number): string => {
  const { settings } = figures;
  return [
    '### Orders under every fault (chaos)',
    '',
    `${settings.orders} orders from ${settings.shoppers} shoppers for ${settings.skus} products, ${settings.concurrency} shoppers each waiting for an order to end`,
    `before the next, with \`--chaos ${settings.spec}\`, \`-c orderTimeoutSeconds=${settings.orderTimeoutSeconds}\` and the payment`,
    `simulator's ${Object.entries(settings.paymentSimulator).map(([name, value]) => `${name} ${value}`).join(', ') || 'defaults (it never fails)'}; deadlines on the clock (the sweeper ticks every`,
    'minute). Settled: every order final, the invariants hold and the saga\'s queues are empty. Then faults off and `npm run redrive -- all`.',
    conditions ? `_${conditions.seconds.toFixed(0)} s; load average ${conditions.loadBefore.toFixed(1)} before, ${conditions.loadAfter.toFixed(1)} after (${cores} cores)._` : '',
    '',
    table(
      ['orders by final state', 'faults injected', 'all final after', 'settled after', 'latency ms p50 / p90 / p99', 'ended > 1 sweep past deadline'],
      [
        [
          nonZero(figures.statuses),
          `${nonZero(figures.faults)} (${total(figures.faults)})`,
          `${figures.secondsToFinal.toFixed(0)} s`,
          figures.secondsToSettle === undefined ? 'not within 10 min' : `${figures.secondsToSettle.toFixed(0)} s`,
          `${figures.latencyMs.median.toFixed(0)} / ${figures.latencyMs.p90.toFixed(0)} / ${figures.latencyMs.p99.toFixed(0)}`,
          figures.lateEnds.count === 0 ? 0 : `${figures.lateEnds.count} (latest ${figures.lateEnds.latestSeconds.toFixed(0)} s past)`,
        ],
      ],
    ),
    '',
    table(
      ['in DLQs and failure destinations once settled', 'redrive', 'after the redrive', 'invariants'],
      [
        [
          `${nonZero(figures.deadLetters.beforeRedrive)}`,
          `${figures.redriven.moved} moved, ${figures.redriven.replayed} replayed${figures.redriven.incomplete ? `, ${figures.redriven.incomplete} incomplete` : ''}`,
          `${total(figures.deadLetters.afterRedrive)}`,
          figures.violations.length === 0 ? 'all hold' : `**${figures.violations.length} violated**: ${figures.violations.slice(0, 5).join('; ')}`,
        ],
      ],
    ),
    '',
    `Faults: ${figures.faultsOn.join('; ')}.`,
  ].join('\n');
};
