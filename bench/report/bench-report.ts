import type { ChaosFigures } from '../chaos/chaos-drill';
import type { ColdStartFigures } from '../cold-start/cold-start';
import type { GatewayLatencyFigures } from '../gateway-latency/gateway-latency';
import type { HandlerOverheadResult } from '../handler-overhead/handler-overhead';
import type { OrderCost } from '../saga/order-cost';
import type { SagaFigures } from '../saga/saga-throughput';
import type { EditFigures } from '../startup/edit-to-served';
import type { StartFigures } from '../startup/npm-start';
import type { ServerlessOfflineComparison } from '../startup/serverless-offline-comparison';
import type { TestSuiteFigures } from '../startup/npm-test';
import type { WireFormatsReport } from '../wire-formats/wire-formats';
import type { MachineFacts } from './machine';

/** How long a section took and how busy the machine was meanwhile. */
export interface SectionConditions {
  readonly seconds: number;
  readonly loadBefore: number;
  readonly loadAfter: number;
}

/** Everything one `npm run bench` measured: written as JSON, rendered as the report. */
export interface BenchReport {
  readonly machine: MachineFacts;
  readonly quick: boolean;
  readonly conditions: Record<string, SectionConditions>;
  readonly coldStart: ColdStartFigures[];
  readonly handlerOverhead: HandlerOverheadResult;
  readonly orderCost: OrderCost;
  readonly gateway: GatewayLatencyFigures;
  readonly wireFormats: WireFormatsReport;
  readonly saga: SagaFigures;
  readonly npmStart: StartFigures;
  readonly editToServed: EditFigures;
  readonly serverlessOffline: ServerlessOfflineComparison;
  readonly npmTest?: TestSuiteFigures;
  /** Orders under every fault (`npm run bench:chaos` runs more of them). */
  readonly chaos?: ChaosFigures;
}
