import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Stack } from 'aws-cdk-lib';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { readBundle, readMetafile } from '../../bench/cold-start/bundle-metafile';
import { declaredLicence, isStrongCopyleft, packageRootOf } from '../support/licences';
import { budgetsKiB } from './bundle-budgets';
import { synthBundledShop } from './shop-app';
import { TemplateGrants } from './support/function-grants';
import { SdkCommandAnalysis } from './support/sdk-commands';
import { resourcesOfType } from './templates';

// One synthesis with real esbuild bundling for every test of the bundles.
const { stacks, assembly, bundles } = synthBundledShop();
const functions = resourcesOfType(Object.values(stacks), 'AWS::Lambda::Function');
const bundleDirectory = (fn: (typeof functions)[number]) => join(assembly.directory, fn.metadata['aws:asset:path']);

describe('bundling (real esbuild run)', () => {

  it.each(functions.map((fn) => [fn.logicalId, fn]))(
    '%s deploys a minified bundle that loads no AWS SDK from the runtime',
    (_id, fn) => {
      const bundle = join(bundleDirectory(fn), 'index.js');
      expect(existsSync(bundle)).toBe(true);
      expect(existsSync(`${bundle}.map`)).toBe(true);
      const code = readFileSync(bundle, 'utf8');
      // Only the optional CRT signer (SigV4a, loaded in a try/catch) stays outside the bundle.
      expect(code).not.toMatch(/require\("@(aws-sdk\/(client|lib|core|credential)|smithy)/);
      const averageLineLength = code.length / code.split('\n').length;
      expect(averageLineLength).toBeGreaterThan(1000);
    },
  );

  // The project is MIT-0; the local runtime's AGPL IAM evaluator must never reach a function (decision 0031).
  it.each(functions.map((fn) => [fn.logicalId, fn]))('%s bundles no GPL or AGPL package', (_id, fn) => {
    const packages = new Set(Object.keys(readMetafile(bundleDirectory(fn)).inputs).flatMap((input) => packageRootOf(input) ?? []));
    expect(packages.size).toBeGreaterThan(0);
    const copyleft = [...packages].map((root) => ({ root, licence: declaredLicence(join(__dirname, '../..', root)) })).filter(({ licence }) => isStrongCopyleft(licence));
    expect(copyleft).toEqual([]);
  });

  it.each(functions.map((fn) => [fn.logicalId, fn]))('%s carries no semver: only aws-xray-sdk-core asks for it, for the SDK v2, and gets the stand-in', (_id, fn) => {
    const { inputs } = readMetafile(bundleDirectory(fn));
    expect(Object.keys(inputs).filter((input) => input.includes('node_modules/semver/'))).toEqual([]);
    const importers = Object.entries(inputs).filter(([, { imports }]) => imports.some((imported) => imported.original === 'semver'));
    expect(importers.map(([input]) => input)).toEqual(['node_modules/aws-xray-sdk-core/dist/lib/patchers/aws_p.js']);
  });
});

describe('a function rebuilt alone, as `npm start` rebuilds it after an edit (local/reload/)', () => {
  // The shop's bundling options (minify, source map, metafile, main fields, an alias), one function of each kind.
  const rebuilt = functions.filter((fn) => /^(PlaceOrder|HandlePaymentRequest|OpenIdConfiguration)[0-9A-F]{8}$/.test(fn.logicalId));
  afterAll(() => bundles.dispose());

  it.each(rebuilt.map((fn) => [fn.logicalId, fn]))('%s is the synthesized bundle byte for byte, in the asset directory of the same name', async (_id, fn) => {
    const synthesized = bundleDirectory(fn);
    const { assetDirectory } = await bundles.rebuild(synthesized);
    expect(assetDirectory).toBe(synthesized);
    const files = readdirSync(synthesized).sort();
    expect(files).toEqual(['index.js', 'index.js.map', 'index.meta.json']);
    for (const file of files) expect(readFileSync(join(assetDirectory, file)).equals(readFileSync(join(synthesized, file)))).toBe(true);
  });
});

describe('the semver stand-in', () => {
  const { gte } = require('../../lib/constructs/semver-for-xray.cjs') as { gte: (version: string, minimum: string) => boolean }; // eslint-disable-line @typescript-eslint/no-require-imports -- a CommonJS file of the bundles

  it.each([
    ['2.7.15', '2.7.15', true],
    ['2.7.16', '2.7.15', true],
    ['2.10.0', '2.7.15', true],
    ['3.0.0-beta.1', '2.7.15', true],
    ['2.7.9', '2.7.15', false],
    ['1.99.99', '2.7.15', false],
  ])('%s >= %s is %s', (version, minimum, expected) => expect(gte(version, minimum)).toBe(expected));
});

describe('bundle size budgets', () => {
  // Named by construct path, as the benchmarks name them: `OrderService/PlaceOrder`.
  const pathOf = (stack: Stack, logicalId: string) =>
    stack.node
      .findAll()
      .find((construct) => construct instanceof CfnFunction && stack.getLogicalId(construct) === logicalId)!
      .node.scope!.node.path;
  const bundles = functions.map((fn) => ({ name: pathOf(fn.stack, fn.logicalId), contents: readBundle(bundleDirectory(fn)) }));

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

describe('least privilege: each role grants what its function\'s code sends, and no more', () => {
  const bundled = functions.map((fn) => ({ fn, bundle: readBundle(bundleDirectory(fn)) }));
  const analysis = new SdkCommandAnalysis(bundled.map(({ bundle }) => bundle.entryPoint));
  const grants = new TemplateGrants(Object.values(stacks));
  const cases = bundled.map(({ fn, bundle }) => [
    `${fn.stack.stackName}/${fn.logicalId.replace(/[0-9A-F]{8}$/, '')}`,
    { sent: analysis.commandsOf(bundle.entryPoint), bundle, granted: grants.grantsOf(fn.stack, fn.logicalId) },
  ] as const);

  it.each(cases)('%s: every command its code sends is in its bundle', (_name, { sent, bundle }) => {
    const missing = sent.commands.map((command) => `${command.sdkPackage} ${command.operation}`).filter((command) => !bundle.commands.includes(command));
    expect(missing).toEqual([]);
  });

  it.each(cases)('%s: every action its code sends is granted', (_name, { sent, granted }) => {
    const allowed = new Set([...granted.forCode.flatMap((statement) => statement.actions), ...granted.byResourcePolicy]);
    expect([...sent.actions].filter((action) => !allowed.has(action)).sort()).toEqual([]);
  });

  it.each(cases)('%s: no grant goes beyond what its code sends', (_name, { sent, granted }) => {
    const beyond = granted.forCode.flatMap((statement) => statement.actions.filter((action) => !sent.actions.has(action)).map((action) => `${action} (${statement.policy})`));
    expect(beyond).toEqual([]);
  });

  it.each(cases)('%s: no grant of its code is on every resource', (_name, { granted }) => {
    expect(granted.forCode.filter((statement) => statement.resources.includes('*'))).toEqual([]);
  });
});
