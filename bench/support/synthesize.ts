import { join } from 'node:path';
import { writeFastNpx } from '../../local/fast-npx';
import { localAccountId } from '../../local/runtime';
import { synthesize } from '../../local/synth';

export const benchRegion = 'us-east-1';

/**
 * Synthesizes a CDK app into `outDirectory` as the local runtime does (bundling every function with
 * esbuild, as `cdk deploy` would), for the account and region the local runtime uses.
 */
export const synthesizeInto = async (
  projectDirectory: string,
  outDirectory: string,
  options: { app?: string; context?: Record<string, unknown> } = {},
): Promise<void> => {
  await synthesize({
    projectDirectory,
    outDirectory,
    app: options.app,
    // The benchmarks run the shop with its payment simulator, which a deployment must ask for by name.
    context: { paymentProvider: 'simulator', ...options.context },
    region: benchRegion,
    account: localAccountId,
    binDirectory: writeFastNpx(join(outDirectory, '..', 'bin'), projectDirectory),
  });
};
