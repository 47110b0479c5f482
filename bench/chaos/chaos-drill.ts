import type { FaultCounts } from '../../local/chaos/chaos';
import { clientsFor } from '../../scripts/operator/aws-target';
import { redrive } from '../../scripts/operator/redrive';
import { allFinal, allSettled, drillState, orderLatencies, placeDrillOrders, prepareDrillShop } from '../../test/e2e/saga/order-drill';
import { auditShop, ordersByStatus } from '../../test/e2e/saga/shop-audit';
import { pollUntil } from '../../test/e2e/support/eventually';
import { deadLetterCounts, workInFlight } from '../saga/dead-letters';
import type { DrillSettings } from '../support/assembly-variant';
import type { RuntimeProcess } from '../support/runtime-process';
import { benchAdmin } from '../support/shop-client';
import { type Summary, summarize } from '../support/stats';

export interface ChaosDrillSettings {
  readonly orders: number;
  readonly concurrency: number;
  readonly shoppers: number;
  readonly skus: number;
  /** The `--chaos` spec. */
  readonly spec: string;
  /** As synthesized (`-c orderTimeoutSeconds=...`). */
  readonly orderTimeoutSeconds: number;
  /** As synthesized (`-c paymentSimulator...`), for the report. */
  readonly paymentSimulator: Record<string, number>;
}

export interface ChaosFigures {
  readonly settings: ChaosDrillSettings;
  /** What was on, with the seed that repeats its choices. */
  readonly faultsOn: string[];
  readonly faults: FaultCounts;
  readonly statuses: Record<string, number>;
  /** Orders that ended later than one sweep past their deadline (a sweep failed), and the latest, in seconds past the deadline. */
  readonly lateEnds: { readonly count: number; readonly latestSeconds: number };
  /** From the first order sent to the last one final. */
  readonly secondsToFinal: number;
  /** From the first order sent until every order was final, the audit held and no message was left on the saga's queues. */
  readonly secondsToSettle?: number;
  /** From sending an order to its final state. */
  readonly latencyMs: Summary;
  /** Messages on each dead-letter queue and failure destination once settled, and after `npm run redrive -- all`. */
  readonly deadLetters: { readonly beforeRedrive: Record<string, number>; readonly afterRedrive: Record<string, number> };
  readonly redriven: { readonly moved: number; readonly replayed: number; readonly incomplete: number };
  /** What the audit found wrong (none: every invariant holds). */
  readonly violations: string[];
}

const sweepPeriodSeconds = 60;

/** The settings the drill's app runs with: a minute to end an order, a payment simulator that fails and loses answers. */
export const chaosDrillSettings = { orderTimeoutSeconds: 60, paymentSimulator: { failureRate: 0.05, chargedTimeoutRate: 0.05 } } satisfies DrillSettings;

const seconds = (fromMs: number, toMs: number) => (toMs - fromMs) / 1000;

/**
 * Orders under every fault, on the clock (no schedule fired early): N orders, C shoppers each waiting
 * for an order to end before placing the next; then waits until every order is final, the shop's
 * invariants hold and the saga's queues are empty; turns the faults off, redrives every dead-letter
 * queue and failure destination (`npm run redrive -- all`, through its module), waits again, and audits.
 */
export const measureChaosDrill = async (runtime: RuntimeProcess, settings: ChaosDrillSettings, log: (line: string) => void): Promise<ChaosFigures> => {
  const data = { dynamodbEndpoint: runtime.endpoints.dynamodb, region: runtime.region, tables: runtime.model.tables };
  // About one order in eight asks for more than is left: some are rejected.
  const unitsEach = Math.ceil((settings.orders * 1.3) / settings.skus);
  const shop = await prepareDrillShop(runtime.url, benchAdmin, { shoppers: settings.shoppers, skus: settings.skus, unitsEach, priceCents: 1000 });
  const expected = { stockPutIn: shop.stockPutIn, orderTimeoutSeconds: settings.orderTimeoutSeconds, graceSeconds: 2 * sweepPeriodSeconds };
  const read = () => drillState(data, shop);
  const { describe: faultsOn } = await runtime.chaos(settings.spec);
  log(`chaos on: ${faultsOn.at(-1)}`);

  const started = Date.now();
  const placed = await placeDrillOrders(runtime.url, shop, settings.orders, settings.concurrency, {
    awaitEachMs: (settings.orderTimeoutSeconds + 2 * sweepPeriodSeconds) * 1000,
  });
  log(`${placed.length} orders placed in ${seconds(started, Date.now()).toFixed(0)} s; waiting for every one to end`);
  const final = await pollUntil(read, allFinal(placed), (settings.orderTimeoutSeconds + 2 * sweepPeriodSeconds) * 1000);
  const finalAt = Date.now();
  log(`${final.reached ? 'every order final' : 'not every order final'} after ${seconds(started, finalAt).toFixed(0)} s; waiting for the compensations and the queues`);
  /** Until every order is final, nothing is left to compensate and the saga's queues are empty. */
  const quiet = (limitMs: number) =>
    pollUntil(
      async () => ({ shop: await read(), inFlight: await workInFlight(runtime.model, runtime.endpoints.sqs, runtime.region) }),
      ({ shop, inFlight }) => allSettled(placed, expected)(shop) && inFlight === 0,
      limitMs,
      1_000,
    );
  // A killed payment request comes back after its 90 s visibility timeout; five receives before its DLQ take 7.5 minutes.
  const settled = await quiet(10 * 60_000);
  const settledAt = Date.now();
  const { counts: faults } = await runtime.chaos(null);
  log(`${settled.reached ? 'settled' : 'not settled'} after ${seconds(started, settledAt).toFixed(0)} s; faults off, redriving`);

  const beforeRedrive = await deadLetterCounts(runtime.model, runtime.endpoints.sqs, runtime.region);
  const clients = clientsFor('local', {
    AWS_ENDPOINT_URL_SQS: runtime.endpoints.sqs,
    AWS_ENDPOINT_URL_KINESIS: runtime.endpoints.kinesis,
    AWS_ENDPOINT_URL_DYNAMODB: runtime.endpoints.dynamodb,
    AWS_REGION: runtime.region,
  });
  const redriven = await redrive(clients, 'all').finally(() => clients.destroy());
  const after = await quiet(5 * 60_000);
  const afterRedrive = await deadLetterCounts(runtime.model, runtime.endpoints.sqs, runtime.region);

  const state = after.state.shop;
  const lateSeconds = state.orders.map((order) => seconds(Date.parse(order.createdAt) + settings.orderTimeoutSeconds * 1000, Date.parse(order.updatedAt)));
  const late = lateSeconds.filter((past) => past > sweepPeriodSeconds);
  return {
    settings,
    faultsOn,
    faults,
    statuses: ordersByStatus(state.orders),
    lateEnds: { count: late.length, latestSeconds: Math.max(0, ...late) },
    secondsToFinal: seconds(started, finalAt),
    secondsToSettle: settled.reached ? seconds(started, settledAt) : undefined,
    latencyMs: summarize(orderLatencies(placed, state)),
    deadLetters: { beforeRedrive, afterRedrive },
    redriven: {
      moved: redriven.deadLetters.reduce((sum, { task }) => sum + (task.ApproximateNumberOfMessagesMoved ?? 0), 0),
      replayed: redriven.failures.reduce((sum, { batches }) => sum + batches.reduce((total, batch) => total + batch.replayed, 0), 0),
      incomplete: redriven.incomplete,
    },
    violations: [
      ...(state.orders.length === placed.length ? [] : [`${placed.length} orders placed, ${state.orders.length} in the table`]),
      ...(settled.reached ? [] : ['the shop did not settle within 10 minutes']),
      ...auditShop(state, expected),
    ],
  };
};
