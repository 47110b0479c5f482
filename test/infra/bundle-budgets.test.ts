import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Stack } from 'aws-cdk-lib';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { readBundle } from '../../bench/cold-start/bundle-metafile';
import { writeFastNpx } from '../../local/fast-npx';
import { synthShop } from './shop-app';
import { resourcesOfType } from './templates';

/**
 * The most each function's deployed bundle (`index.js`) may weigh, in KiB. A bundle's size is
 * deterministic, unlike its load time (measured by `npm run bench`, never here), and it drives that
 * time. These sit about 5% above the sizes of 2026-11-26 08:41 (docs/benchmarks.md), after zod/mini,
 * the pure SDK clients (DynamoDB's apart) and the semver stand-in took them from about 1,020 to 500 KiB: a function that
 * pulls the whole of zod, an unused SDK client or a large new dependency back in fails here.
 */
const budgetsKiB: Record<string, number> = {
  'UserService/Register': 520,
  'UserService/Login': 550,
  'UserService/OpenIdConfiguration': 145,
  'UserService/Jwks': 460,
  'UserService/GetMe': 500,
  'UserService/UpdateMe': 515,
  'UserService/RotateSigningKey': 480,
  'OrderService/PlaceOrder': 535,
  'OrderService/GetOrder': 520,
  'OrderService/ListOrders': 525,
  'OrderService/HandleStockResult': 540,
  'OrderService/HandlePaymentResult': 540,
  'OrderService/PublishOutbox': 515,
  'InventoryService/ListProducts': 530,
  'InventoryService/GetProduct': 535,
  'InventoryService/SaveProduct': 535,
  'InventoryService/RequestStockUpdate': 575,
  'InventoryService/GetStockUpdate': 535,
  'InventoryService/ApplyStockUpdates': 550,
  'InventoryService/HandleStockRequest': 575,
  'PaymentService/GetPayment': 520,
  'PaymentService/HandlePaymentRequest': 575,
};

describe('bundle size budgets', () => {
  // The CDK bundles each function with `npx esbuild`; this npx runs the project's esbuild without npx's own start-up.
  const bin = mkdtempSync(join(tmpdir(), 'bundle-budgets-'));
  const path = process.env.PATH;
  process.env.PATH = [writeFastNpx(bin, join(__dirname, '../..')), path].filter(Boolean).join(delimiter);
  const { app, stacks } = synthShop({ bundle: true });
  const assembly = app.synth();
  process.env.PATH = path;
  rmSync(bin, { recursive: true, force: true });
  // Named by construct path, as the benchmarks name them: `OrderService/PlaceOrder`.
  const pathOf = (stack: Stack, logicalId: string) =>
    stack.node
      .findAll()
      .find((construct) => construct instanceof CfnFunction && stack.getLogicalId(construct) === logicalId)!
      .node.scope!.node.path;
  const bundles = resourcesOfType(Object.values(stacks), 'AWS::Lambda::Function').map((fn) => ({
    name: pathOf(fn.stack, fn.logicalId),
    contents: readBundle(join(assembly.directory, fn.metadata['aws:asset:path'])),
  }));

  it.each(bundles.map((bundle) => [bundle.name, bundle]))('%s stays within its budget', (name, { contents }) => {
    const budget = budgetsKiB[name];
    const sizeKiB = Math.ceil(contents.codeBytes / 1024);
    const largest = contents.contributors.slice(0, 5).map(({ name: part, bytes }) => `${part} ${Math.round(bytes / 1024)} KiB`);
    if (budget === undefined) throw new Error(`${name} (${sizeKiB} KiB) has no budget: add one to budgetsKiB`);
    if (sizeKiB > budget) throw new Error(`${name} weighs ${sizeKiB} KiB, over its budget of ${budget} KiB. Largest parts: ${largest.join(', ')}`);
  });

  it('has no budget for a function that no longer exists', () => {
    expect(Object.keys(budgetsKiB).filter((name) => !bundles.some((bundle) => bundle.name === name))).toEqual([]);
  });
});
