import { join } from 'node:path';
import { build, stop } from 'esbuild';

/**
 * Bundles the execution environments' bootstrap into one plain JavaScript file that Node runs as is,
 * then ends esbuild's service process, so none stays behind.
 */
export const bundleBootstrap = async (outDirectory: string): Promise<string> => {
  const outfile = join(outDirectory, 'lambda-bootstrap.cjs');
  try {
    await build({
      entryPoints: [join(__dirname, 'bootstrap.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'silent',
    });
  } finally {
    await stop();
  }
  return outfile;
};
