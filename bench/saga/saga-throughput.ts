import { cpuByPart, cpuDifference } from '../support/process-cpu';
import type { RuntimeProcess } from '../support/runtime-process';
import { ShopClient } from '../support/shop-client';
import { ratio, type Summary, summarize } from '../support/stats';
import { deadLetterCounts } from './dead-letters';
import { type CeilingFigures, measureEmulatorCeiling } from './emulator-ceiling';
import type { OrderCost } from './order-cost';
import { placeOrders } from './order-load';
import { prepareShop } from './shop-fixtures';

export interface FunctionDurations {
  readonly invocations: number;
  readonly memoryMb: number;
  readonly maxMemoryUsedMb: number;
  /** Milliseconds per invocation, measured inside the execution environment. */
  readonly durationMs: Summary;
}

export interface SagaFigures {
  readonly orders: number;
  readonly concurrency: number;
  readonly shoppers: number;
  readonly products: number;
  /** Orders settled per second, from the first POST to the last terminal state seen. */
  readonly ordersPerSecond: number;
  /** Milliseconds from POST /orders to the poll that saw the terminal state. */
  readonly latency: Summary;
  readonly statuses: Record<string, number>;
  /** Failed requests, orders not settled in time, and orders that did not end CONFIRMED (all had stock and a good card). */
  readonly errors: number;
  readonly errorSamples: string[];
  /** Messages left in dead-letter queues and failure destinations: must all be 0. */
  readonly deadLetters: Record<string, number>;
  readonly ceiling: CeilingFigures;
  /** ordersPerSecond / the emulators' ceiling. */
  readonly ratio: number;
  readonly functions: Record<string, FunctionDurations>;
  /** CPU milliseconds per order, by part of the local runtime, and for this process's HTTP client. */
  readonly cpuMsPerOrder: Record<string, number>;
}

/**
 * Saga throughput on the local runtime: N orders over HTTP from several shoppers for several products,
 * C at a time, each polled to its terminal state; then, on the same emulators, their ceiling for what
 * one order needs (from the counting run), and the ratio.
 */
export const measureSagaThroughput = async (
  runtime: RuntimeProcess,
  cost: OrderCost,
  settings: { orders: number; concurrency: number; shoppers: number; products: number },
): Promise<SagaFigures> => {
  const shop = new ShopClient(runtime.url);
  const warmupOrders = 2 * settings.concurrency;
  const fixtures = await prepareShop(shop, {
    shoppers: settings.shoppers,
    products: settings.products,
    unitsEach: Math.ceil((settings.orders + warmupOrders) / settings.products),
    prefix: 'BENCH-SAGA',
  });
  // Every function has its execution environments and DynamoDB Local's JVM has compiled its hot paths: the steady state is measured.
  await placeOrders(shop, fixtures, warmupOrders, settings.concurrency);
  await runtime.resetMeasures();
  const [cpuBefore, clientCpuBefore] = [cpuByPart(runtime.pid), process.cpuUsage()];
  const { outcomes, elapsedMs } = await placeOrders(shop, fixtures, settings.orders, settings.concurrency);
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const cpu = { ...cpuDifference(cpuBefore, cpuByPart(runtime.pid)), 'benchmark client (HTTP)': (clientCpu.user + clientCpu.system) / 1e6 };
  const measures = await runtime.measures();
  const deadLetters = await deadLetterCounts(runtime.model, runtime.endpoints.sqs, runtime.region);
  const ceiling = await measureEmulatorCeiling(runtime.endpoints, runtime.region, cost, { orders: settings.orders, concurrency: settings.concurrency });

  const statuses: Record<string, number> = {};
  for (const { status = 'ERROR' } of outcomes) statuses[status] = (statuses[status] ?? 0) + 1;
  const failed = outcomes.filter((outcome) => outcome.error !== undefined || outcome.status !== 'CONFIRMED');
  const ordersPerSecond = settings.orders / (elapsedMs / 1000);
  return {
    ...settings,
    ordersPerSecond,
    latency: summarize(outcomes.flatMap((outcome) => (outcome.latencyMs === undefined ? [] : [outcome.latencyMs]))),
    statuses,
    errors: failed.length,
    errorSamples: [...new Set(failed.map((outcome) => outcome.error ?? `ended ${outcome.status}`))].slice(0, 5),
    deadLetters,
    ceiling,
    ratio: ratio(ordersPerSecond, ceiling.ordersPerSecond),
    cpuMsPerOrder: Object.fromEntries(
      Object.entries(cpu).map(([part, seconds]) => {
        const fn = runtime.model.functions.find((candidate) => part === `function ${candidate.name}`);
        return [fn ? fn.displayName : part, (seconds * 1000) / settings.orders];
      }),
    ),
    functions: Object.fromEntries(
      Object.entries(measures.functions).map(([name, fn]) => [
        name,
        { invocations: fn.durationsMs.length, memoryMb: fn.memoryMb, maxMemoryUsedMb: fn.maxMemoryUsedMb, durationMs: summarize(fn.durationsMs) },
      ]),
    ),
  };
};
