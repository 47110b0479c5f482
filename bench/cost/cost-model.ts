import type { BenchReport } from '../report/bench-report';
import { hoursPerMonth, type Price, prices } from './aws-prices';
import type { TemplateFacts } from './template-facts';

/** What the model assumes where nothing was measured. */
export const assumptions = {
  /** A client places the order and reads it once (a push or a single status check, not polling). */
  apiRequestsPerOrder: 2,
  /** X-Ray's default sampling at a sustained rate: one request a second plus 5%. */
  tracedShare: 0.05,
  /** Lambda's SQS pollers per queue when idle, each long-polling for 20 s. */
  idlePollersPerQueue: 5,
  longPollSeconds: 20,
};

export interface CostLine {
  readonly component: string;
  /** What one order uses of it, in words with the figures. */
  readonly perOrder: string;
  readonly usdPerMillionOrders: number;
  readonly price: Price;
}

export interface FixedCost {
  readonly item: string;
  readonly usdPerMonth: number;
  readonly price: Price;
}

export interface CostModel {
  readonly lines: CostLine[];
  readonly usdPerMillionOrders: number;
  readonly fixed: FixedCost[];
  readonly usdFixedPerMonth: number;
  /** Functions invoked per order that the templates do not describe, or whose duration was not measured. */
  readonly unpriced: string[];
}

const million = 1e6;
const perMillion = (price: Price, units: number) => units * price.usd;

/**
 * The cost of a million orders from what one order uses (invocations, durations, capacity units,
 * requests, log bytes: measured by `npm run bench`), the functions' memory and architecture (from the
 * templates), and list prices; plus what the app costs per month whatever the traffic.
 */
export const costModel = (report: Pick<BenchReport, 'orderCost' | 'saga'>, facts: TemplateFacts): CostModel => {
  const { orderCost, saga } = report;
  const lines: CostLine[] = [];
  const unpriced: string[] = [];

  let invocations = 0;
  let gbSeconds = { arm64: 0, x86_64: 0 };
  for (const [name, perOrder] of Object.entries(orderCost.invocations)) {
    const fn = facts.functions[name];
    const duration = saga.functions[name]?.durationMs.mean;
    if (!fn || duration === undefined) {
      unpriced.push(name);
      continue;
    }
    invocations += perOrder;
    const seconds = Math.ceil(duration) / 1000;
    const key = fn.architecture === 'arm64' ? 'arm64' : 'x86_64';
    gbSeconds = { ...gbSeconds, [key]: gbSeconds[key] + perOrder * seconds * (fn.memoryMb / 1024) };
  }
  lines.push({
    component: 'Lambda requests',
    perOrder: `${invocations.toFixed(2)} invocations`,
    usdPerMillionOrders: perMillion(prices.lambdaRequests, invocations),
    price: prices.lambdaRequests,
  });
  lines.push({
    component: 'Lambda compute (arm64)',
    perOrder: `${gbSeconds.arm64.toFixed(4)} GB-s (measured mean durations, rounded up to the ms, × memory)`,
    usdPerMillionOrders: gbSeconds.arm64 * million * prices.lambdaArmGbSecond.usd,
    price: prices.lambdaArmGbSecond,
  });
  if (gbSeconds.x86_64 > 0) {
    lines.push({
      component: 'Lambda compute (x86_64)',
      perOrder: `${gbSeconds.x86_64.toFixed(4)} GB-s`,
      usdPerMillionOrders: gbSeconds.x86_64 * million * prices.lambdaX86GbSecond.usd,
      price: prices.lambdaX86GbSecond,
    });
  }
  lines.push({
    component: 'API Gateway HTTP API',
    perOrder: `${assumptions.apiRequestsPerOrder} requests (assumed: POST /orders and one GET)`,
    usdPerMillionOrders: perMillion(prices.httpApiRequests, assumptions.apiRequestsPerOrder),
    price: prices.httpApiRequests,
  });

  const operations = Object.entries(orderCost.operations);
  const sum = (pick: (name: string, count: (typeof orderCost.operations)[string]) => number) =>
    operations.reduce((total, [name, count]) => total + pick(name, count), 0);
  const writeUnits = sum((name, count) => (name.startsWith('dynamodb ') ? count.writeUnits : 0));
  const readUnits = sum((name, count) => (name.startsWith('dynamodb ') ? count.readUnits : 0));
  lines.push({
    component: 'DynamoDB writes (on demand)',
    perOrder: `${writeUnits.toFixed(1)} write request units (as DynamoDB Local counted them; transactions count twice)`,
    usdPerMillionOrders: perMillion(prices.dynamoDbWriteUnits, writeUnits),
    price: prices.dynamoDbWriteUnits,
  });
  lines.push({
    component: 'DynamoDB reads (on demand)',
    perOrder: `${readUnits.toFixed(1)} read request units (stream reads by Lambda are free)`,
    usdPerMillionOrders: perMillion(prices.dynamoDbReadUnits, readUnits),
    price: prices.dynamoDbReadUnits,
  });
  const sqsRequests = sum((name, count) => (name.startsWith('sqs ') ? count.requests : 0));
  lines.push({
    component: 'SQS',
    perOrder: `${sqsRequests.toFixed(2)} requests (sends, receives that found messages, batch deletes)`,
    usdPerMillionOrders: perMillion(prices.sqsRequests, sqsRequests),
    price: prices.sqsRequests,
  });
  const logBytes = Object.values(orderCost.logBytes).reduce((total, bytes) => total + bytes, 0);
  lines.push({
    component: 'CloudWatch Logs',
    perOrder: `${(logBytes / 1024).toFixed(1)} KiB of log lines (metrics in EMF included)`,
    usdPerMillionOrders: ((logBytes * million) / 1e9) * prices.logsIngestedGb.usd,
    price: prices.logsIngestedGb,
  });
  const traces = assumptions.apiRequestsPerOrder * assumptions.tracedShare;
  lines.push({
    component: 'X-Ray',
    perOrder: `${traces.toFixed(2)} traces (${assumptions.tracedShare * 100}% of the API requests sampled)`,
    usdPerMillionOrders: perMillion(prices.xrayTraces, traces),
    price: prices.xrayTraces,
  });

  const idleReceivesPerMonth =
    facts.sqsMappings * assumptions.idlePollersPerQueue * ((hoursPerMonth * 3600) / assumptions.longPollSeconds);
  const fixed: FixedCost[] = [
    {
      item: `Kinesis: ${facts.kinesisShards} provisioned shards`,
      usdPerMonth: facts.kinesisShards * hoursPerMonth * prices.kinesisShardHour.usd,
      price: prices.kinesisShardHour,
    },
    { item: `Secrets Manager: ${facts.secrets} secret(s)`, usdPerMonth: facts.secrets * prices.secretMonth.usd, price: prices.secretMonth },
    {
      item: `SQS: Lambda's idle long polls on ${facts.sqsMappings} queues (${assumptions.idlePollersPerQueue} pollers each)`,
      usdPerMonth: (idleReceivesPerMonth / million) * prices.sqsRequests.usd,
      price: prices.sqsRequests,
    },
  ];
  return {
    lines,
    usdPerMillionOrders: lines.reduce((total, line) => total + line.usdPerMillionOrders, 0),
    fixed,
    usdFixedPerMonth: fixed.reduce((total, item) => total + item.usdPerMonth, 0),
    unpriced,
  };
};
