import { join } from 'node:path';
import { build } from 'esbuild';

const capturingHttp = join(__dirname, 'capturing-http.ts');

/**
 * Bundles an HTTP handler for in-process measurement: like its deployed bundle (minified, with a source
 * map, ES module builds of its packages), with `#shared/http` swapped for capturing-http.ts, and
 * exporting, beside `handler`, the route's bare logic, the unchanged httpRoute, the Logger and the
 * Problem class.
 */
export const buildHarnessBundle = async (projectDirectory: string, entryPoint: string, outfile: string): Promise<void> => {
  await build({
    stdin: {
      contents: [
        `export { handler } from ${JSON.stringify(join(projectDirectory, entryPoint))};`,
        `export { capturedRoutes, wrapRoute } from ${JSON.stringify(capturingHttp)};`,
        `export { logger } from '#shared/powertools';`,
        `export { Problem } from '#shared/problem';`,
      ].join('\n'),
      resolveDir: projectDirectory,
      loader: 'ts',
    },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // As ServiceFunction bundles: the ES module builds of the AWS SDK and other packages.
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: true,
    logLevel: 'silent',
    plugins: [
      {
        name: 'capture-http-routes',
        setup: (builder) => builder.onResolve({ filter: /^#shared\/http$/ }, () => ({ path: capturingHttp })),
      },
    ],
  });
};
