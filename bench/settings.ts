/** How much each measurement does: `npm run bench` (full) or `npm run bench -- --quick` (under two minutes). */
export interface BenchSettings {
  readonly quick: boolean;
  /** Fresh-process loads per function and per floor. */
  readonly coldStartRuns: number;
  /** Time spent on each HTTP handler, handler and bare logic alternating, and the fewest pairs of calls. */
  readonly handlerSeconds: number;
  readonly handlerMinPairs: number;
  /** Load per concurrency level, for the gateway and for its floor. */
  readonly gatewaySeconds: number;
  readonly gatewayConcurrency: number[];
  /** Reads of one order in each wire format (REST JSON, Connect JSON and binary, gRPC-Web). */
  readonly wireFormatCalls: number;
  readonly sagaOrders: number;
  readonly sagaConcurrency: number;
  readonly sagaShoppers: number;
  readonly sagaProducts: number;
  /** Orders placed through the counting proxy to learn what one order costs. */
  readonly countedOrders: number;
  /** `npm start` runs after the first (which synthesizes), reusing the synthesized app. */
  readonly startRuns: number;
  /** Saves of a handler, each timed to the first answer with the change: this many in place, as many by rename. */
  readonly edits: number;
  /** The one-route comparison with serverless-offline: starts of each, and seconds of load per connection count. */
  readonly comparisonStarts: number;
  readonly comparisonLoadSeconds: number;
  /** Whether to time the whole `npm test` (minutes). */
  readonly timeTestSuite: boolean;
  /** Orders placed under every fault (`npm run bench:chaos` places 1,000), and how many shoppers at a time. */
  readonly chaosOrders: number;
  readonly chaosConcurrency: number;
}

export const fullSettings: BenchSettings = {
  quick: false,
  coldStartRuns: 15,
  handlerSeconds: 4,
  handlerMinPairs: 30,
  gatewaySeconds: 10,
  gatewayConcurrency: [1, 16, 64],
  wireFormatCalls: 300,
  sagaOrders: 500,
  sagaConcurrency: 16,
  sagaShoppers: 8,
  sagaProducts: 8,
  countedOrders: 50,
  startRuns: 3,
  edits: 10,
  comparisonStarts: 3,
  comparisonLoadSeconds: 10,
  timeTestSuite: true,
  chaosOrders: 300,
  chaosConcurrency: 16,
};

export const quickSettings: BenchSettings = {
  ...fullSettings,
  quick: true,
  coldStartRuns: 2,
  handlerSeconds: 0.4,
  handlerMinPairs: 8,
  gatewaySeconds: 1,
  wireFormatCalls: 30,
  sagaOrders: 48,
  countedOrders: 15,
  startRuns: 1,
  edits: 3,
  comparisonStarts: 1,
  comparisonLoadSeconds: 1,
  timeTestSuite: false,
  chaosOrders: 60,
};
