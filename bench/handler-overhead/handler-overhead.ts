import { join } from 'node:path';
import { JwtAuthorizer } from '../../local/gateway/jwt-authorizer';
import { environmentVariables } from '../../local/lambda/environment-variables';
import { readBundle } from '../cold-start/bundle-metafile';
import type { RuntimeProcess } from '../support/runtime-process';
import { benchAdmin, ShopClient } from '../support/shop-client';
import { type Summary, summarize } from '../support/stats';
import { gatewayEvent } from './gateway-event';
import { buildHarnessBundle } from './harness-bundle';
import { runHarness } from './run-harness';
import { type Fixtures, scenarios } from './scenarios';

export interface HandlerOverheadFigures {
  readonly route: string;
  readonly function: string;
  /** Status codes the handler answered, with counts. */
  readonly statuses: Record<string, number>;
  /** Microseconds per call. */
  readonly handler: Summary;
  readonly bare: Summary;
  /** handler median - bare median, in microseconds: what the middleware, validation and logging add. */
  readonly overheadMicros: number;
}

export interface HandlerOverheadResult {
  readonly routes: HandlerOverheadFigures[];
  /** Routes the benchmark has no scenario for: add one to scenarios.ts. */
  readonly withoutScenario: string[];
}

const prepareFixtures = async (shop: ShopClient): Promise<Fixtures> => {
  const admin = await shop.account(benchAdmin.email, benchAdmin.password);
  const shopper = await shop.account();
  const sku = 'BENCH-HANDLERS';
  await shop.createProduct(admin.token, sku);
  const updateId = await shop.addStock(admin.token, sku, 1000);
  const orderId = await shop.placeOrder(shopper.token, [{ sku, quantity: 1 }]);
  return { admin, shopper, sku, updateId, orderId };
};

/**
 * Warm overhead per HTTP handler: in a process with the function's environment, the deployed handler
 * is called with the event the gateway would send, alternating with the route's own logic called bare
 * on input parsed beforehand. Both talk to the same emulators; the difference is what the shared
 * middleware (logging, correlation ids, body parsing, validation, problem responses) costs per call.
 */
export const measureHandlerOverhead = async (
  context: { projectDirectory: string; workDirectory: string; runtime: RuntimeProcess },
  settings: { seconds: number },
): Promise<HandlerOverheadResult> => {
  const { runtime } = context;
  const fixtures = await prepareFixtures(new ShopClient(runtime.url));
  const jwt = new JwtAuthorizer();
  const routes: HandlerOverheadFigures[] = [];
  const withoutScenario: string[] = [];
  for (const api of runtime.model.apis) {
    for (const route of api.routes) {
      const arn = route.integration?.functionArn;
      const fn = runtime.model.functions.find((candidate) => candidate.arn === arn || candidate.name === arn);
      const scenario = scenarios[route.routeKey];
      if (!fn) continue;
      if (!scenario) {
        withoutScenario.push(route.routeKey);
        continue;
      }
      const bundleFile = join(context.workDirectory, 'handler-harness', `${fn.name}.cjs`);
      await buildHarnessBundle(context.projectDirectory, readBundle(fn.codeDirectory).entryPoint, bundleFile);
      const eventTemplate = await gatewayEvent(api, route, scenario(fixtures), jwt);
      const result = await runHarness(
        { bundleFile, eventTemplate, seconds: settings.seconds, minPairs: 20 },
        environmentVariables(fn, runtime.endpoints, context.workDirectory),
      );
      const handler = summarize(result.handlerMicros);
      const bare = summarize(result.bareMicros);
      routes.push({ route: route.routeKey, function: fn.displayName, statuses: result.statuses, handler, bare, overheadMicros: handler.median - bare.median });
    }
  }
  return { routes, withoutScenario };
};
