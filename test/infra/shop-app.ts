import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildRecordsVariable, writeFastNpx } from '../../local/fast-npx';
import { readBuildRecords } from '../../local/reload/build-records';
import { FunctionBundles } from '../../local/reload/function-bundles';
import { buildShop } from '../../lib/shop-app';

/** The whole app as `cdk synth` builds it, without esbuild bundling (about 4x faster) unless asked. */
export const synthShop = (options: { bundle?: boolean; context?: Record<string, unknown> } = {}) => {
  const app = new App({
    builtinCloudFormationValidation: false,
    context: {
      // This app's only payment provider is the simulator: a deployment must ask for it by name.
      paymentProvider: 'simulator',
      ...(options.bundle ? { 'aws:cdk:enable-asset-metadata': true } : { 'aws:cdk:bundling-stacks': [] }),
      ...options.context,
    },
  });
  return { app, stacks: buildShop(app) };
};

/**
 * The whole app synthesized with its functions bundled, as they deploy. The CDK bundles each function
 * with `npx esbuild`; the npx put first on PATH here runs the project's esbuild without npx's own
 * start-up, and records each run as the local runtime's does: `bundles` knows how to build each
 * function's bundle again (local/reload/).
 */
export const synthBundledShop = () => {
  const bin = mkdtempSync(join(tmpdir(), 'shop-synth-'));
  const buildRecords = join(bin, 'build-records');
  mkdirSync(buildRecords);
  const { PATH: path, [buildRecordsVariable]: records } = process.env;
  process.env.PATH = [writeFastNpx(bin, join(__dirname, '../..')), path].filter(Boolean).join(delimiter);
  process.env[buildRecordsVariable] = buildRecords;
  try {
    const { app, stacks } = synthShop({ bundle: true });
    const assembly = app.synth();
    const assets = readdirSync(assembly.directory).filter((entry) => entry.startsWith('asset.'));
    const bundles = FunctionBundles.fromSynthesis(readBuildRecords(buildRecords), assets.map((asset) => join(assembly.directory, asset)));
    return { stacks, assembly, bundles };
  } finally {
    process.env.PATH = path;
    if (records === undefined) delete process.env[buildRecordsVariable];
    else process.env[buildRecordsVariable] = records;
    rmSync(bin, { recursive: true, force: true });
  }
};
