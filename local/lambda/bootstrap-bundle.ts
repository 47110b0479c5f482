import { join } from 'node:path';
import { withEsbuild } from '../esbuild-service';

/**
 * Bundles the execution environments' bootstrap into one plain JavaScript file that Node runs as is
 * (esbuild's service process ends after, unless something else of this process uses it).
 */
export const bundleBootstrap = async (outDirectory: string): Promise<string> => {
  const outfile = join(outDirectory, 'lambda-bootstrap.cjs');
  await withEsbuild((esbuild) =>
    esbuild.build({
      entryPoints: [join(__dirname, 'bootstrap.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'silent',
    }),
  );
  return outfile;
};
