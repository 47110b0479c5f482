import { join } from 'node:path';
import { build } from 'esbuild';

/** Bundles the execution environments' bootstrap into one plain JavaScript file that Node runs as is. */
export const bundleBootstrap = async (outDirectory: string): Promise<string> => {
  const outfile = join(outDirectory, 'lambda-bootstrap.cjs');
  await build({
    entryPoints: [join(__dirname, 'bootstrap.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'silent',
  });
  return outfile;
};
