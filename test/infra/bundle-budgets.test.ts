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
 * time. These sit about 10% above the sizes of 2026-11-26 (docs/benchmarks.md), which still carry
 * the whole of zod and every AWS SDK client in each bundle: lower them as the bundles shrink.
 */
const budgetsKiB: Record<string, number> = {
  'UserService/Register': 1120,
  'UserService/Login': 1140,
  'UserService/OpenIdConfiguration': 180,
  'UserService/Jwks': 625,
  'UserService/GetMe': 625,
  'UserService/UpdateMe': 1120,
  'UserService/RotateSigningKey': 645,
  'OrderService/PlaceOrder': 1120,
  'OrderService/GetOrder': 1120,
  'OrderService/ListOrders': 1120,
  'OrderService/HandleStockResult': 1130,
  'OrderService/HandlePaymentResult': 1130,
  'OrderService/PublishOutbox': 1120,
  'InventoryService/ListProducts': 1125,
  'InventoryService/GetProduct': 1125,
  'InventoryService/SaveProduct': 1125,
  'InventoryService/RequestStockUpdate': 1130,
  'InventoryService/GetStockUpdate': 1125,
  'InventoryService/ApplyStockUpdates': 1130,
  'InventoryService/HandleStockRequest': 1135,
  'PaymentService/GetPayment': 1120,
  'PaymentService/HandlePaymentRequest': 1175,
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
