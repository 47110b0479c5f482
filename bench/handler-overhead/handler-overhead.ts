import { join } from 'node:path';
import { JwtAuthorizer } from '../../local/gateway/jwt-authorizer';
import { environmentVariables } from '../../local/lambda/environment-variables';
import { readBundle } from '../cold-start/bundle-metafile';
import type { RuntimeProcess } from '../support/runtime-process';
import { benchAdmin, ShopClient } from '../support/shop-client';
import { type Summary, summarize } from '../support/stats';
import { gatewayEvent } from './gateway-event';
import { buildHarnessBundle } from './harness-bundle';
import { buildHarnessRunner, runHarness } from './run-harness';
import { type Fixtures, scenarios } from './scenarios';

export interface HandlerOverheadFigures {
  readonly route: string;
  readonly function: string;
  /** Status codes the handler answered, with counts. */
  readonly statuses: Record<string, number>;
  /** Microseconds per call. */
  readonly handler: Summary;
  readonly bare: Summary;
  /** The middleware around a stand-in that answers at once what the logic answered. */
  readonly middleware: Summary;
  /** handler median - bare median: what the middleware adds, blurred by the logic's I/O (noisy for slow routes). */
  readonly differenceMicros: number;
  /** The middleware's median: what the middleware, validation and logging cost per call. */
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
 * on input parsed beforehand (both against the same emulators), and with the same middleware around a
 * stand-in that answers at once what the logic answered: what the shared middleware (logging, metrics,
 * tracing, correlation ids, body parsing, validation, problem responses) costs per call.
 */
export const measureHandlerOverhead = async (
  context: { projectDirectory: string; workDirectory: string; runtime: RuntimeProcess },
  settings: { seconds: number; minPairs: number },
): Promise<HandlerOverheadResult> => {
  const { runtime, workDirectory } = context;
  const fixtures = await prepareFixtures(new ShopClient(runtime.url));
  const jwt = new JwtAuthorizer();
  const withoutScenario: string[] = [];
  const measured = runtime.model.apis.flatMap((api) =>
    api.routes.flatMap((route) => {
      const arn = route.integration?.functionArn;
      const fn = runtime.model.functions.find((candidate) => candidate.arn === arn || candidate.name === arn);
      const scenario = scenarios[route.routeKey];
      if (fn && !scenario) withoutScenario.push(route.routeKey);
      return fn && scenario ? [{ api, route, fn, scenario, bundleFile: join(workDirectory, 'handler-harness', `${fn.name}.cjs`) }] : [];
    }),
  );
  // Every build first (esbuild uses both cores), then the measurements one at a time.
  const [runner] = await Promise.all([
    buildHarnessRunner(join(workDirectory, 'handler-harness', 'harness.cjs')),
    ...measured.map(({ fn, bundleFile }) => buildHarnessBundle(context.projectDirectory, readBundle(fn.codeDirectory).entryPoint, bundleFile)),
  ]);
  const routes: HandlerOverheadFigures[] = [];
  for (const { api, route, fn, scenario, bundleFile } of measured) {
    const eventTemplate = await gatewayEvent(api, route, scenario(fixtures), jwt);
    const result = await runHarness(
      runner,
      { bundleFile, eventTemplate, seconds: settings.seconds, minPairs: settings.minPairs },
      environmentVariables(fn, runtime.awsEndpoint, workDirectory),
    );
    const [handler, bare, middleware] = [result.handlerMicros, result.bareMicros, result.middlewareMicros].map(summarize) as [Summary, Summary, Summary];
    routes.push({
      route: route.routeKey,
      function: fn.displayName,
      statuses: result.statuses,
      handler,
      bare,
      middleware,
      differenceMicros: handler.median - bare.median,
      overheadMicros: middleware.median,
    });
  }
  return { routes, withoutScenario };
};
