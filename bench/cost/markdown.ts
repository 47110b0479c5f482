import { hoursPerMonth } from './aws-prices';
import { assumptions, type CostModel } from './cost-model';

const usd = (value: number) => (value >= 100 ? `$${Math.round(value).toLocaleString('en-US')}` : `$${value.toFixed(2)}`);
const rates = [10, 1_000, 10_000];

/** The cost model as Markdown, for docs/scaling.md. */
export const renderCostModel = (model: CostModel, measuredOn: string): string =>
  [
    `Computed by \`npm run bench:cost\` from the synthesized templates (memory, architecture, shards, queues, secrets),`,
    `the figures of \`npm run bench\` (${measuredOn}: invocations, durations, capacity units, requests and log bytes per order)`,
    'and the list prices in `bench/cost/aws-prices.ts` (US East, on demand, no free tier; each with its source and date).',
    '',
    '| component | per order | per million orders | price |',
    '| --- | --- | --- | --- |',
    ...model.lines.map((line) => `| ${line.component} | ${line.perOrder} | ${usd(line.usdPerMillionOrders)} | $${line.price.usd} per ${line.price.per} |`),
    `| **total** | | **${usd(model.usdPerMillionOrders)}** | |`,
    '',
    '| whatever the traffic | per month |',
    '| --- | --- |',
    ...model.fixed.map((item) => `| ${item.item} | ${usd(item.usdPerMonth)} |`),
    `| **total** | **${usd(model.usdFixedPerMonth)}** |`,
    '',
    '| sustained rate | orders per month | per month |',
    '| --- | --- | --- |',
    ...rates.map((rate) => {
      const orders = rate * 3600 * hoursPerMonth;
      return `| ${rate.toLocaleString('en-US')} orders/s | ${(orders / 1e6).toLocaleString('en-US', { maximumFractionDigits: 0 })} million | ${usd((orders / 1e6) * model.usdPerMillionOrders + model.usdFixedPerMonth)} |`;
    }),
    '',
    `Assumed, not measured: ${assumptions.apiRequestsPerOrder} API requests per order, ${assumptions.tracedShare * 100}% of traces sampled, ` +
      `${assumptions.idlePollersPerQueue} idle pollers per queue. Durations are this machine's (its emulators answer in milliseconds under load; ` +
      'DynamoDB in AWS answers in single-digit milliseconds, and a 256 MB function gets about a sixth of a vCPU): treat Lambda compute as an estimate.' +
      (model.unpriced.length ? ` Not priced (no template or no measured duration): ${model.unpriced.join(', ')}.` : ''),
    '',
  ].join('\n');
