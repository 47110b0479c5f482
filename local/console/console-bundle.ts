import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withEsbuild } from '../esbuild-service';

export interface ConsoleBundle {
  readonly js: Buffer;
  readonly css: Buffer;
}

const uiDirectory = join(__dirname, 'ui');
const packagesDirectory = join(__dirname, '..', '..', 'node_modules');
/** The packages in the bundle: a new version makes a new bundle. */
const bundledPackages = ['preact', 'preact-iso', '@picocss/pico', 'esbuild'];

const sourcesHash = async () => {
  const hash = createHash('sha256');
  for (const file of (await readdir(uiDirectory, { recursive: true })).sort()) {
    if (!/\.(tsx?|css)$/.test(file)) continue;
    hash.update(file).update(await readFile(join(uiDirectory, file)));
  }
  for (const name of bundledPackages) hash.update(name).update(await readFile(join(packagesDirectory, name, 'package.json')));
  return hash.digest('hex').slice(0, 16);
};

const bundle = async (): Promise<ConsoleBundle> => {
  // Counted as a user of esbuild's service, which otherwise may be stopped under this build (local/esbuild-service.ts).
  const { outputFiles } = await withEsbuild((esbuild) => esbuild.build({
    entryPoints: [join(uiDirectory, 'main.tsx')],
    bundle: true,
    write: false,
    outdir: 'out',
    format: 'esm',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  }));
  const output = (extension: string) => Buffer.from(outputFiles.find((file) => file.path.endsWith(extension))!.contents);
  return { js: output('.js'), css: output('.css') };
};

/**
 * The console's page script and styles, bundled with esbuild from local/console/ui (Preact, Pico CSS:
 * everything from node_modules, nothing from a CDN), or taken from the cache in `cacheDirectory` when
 * the sources and packages are the same as last time. A cache that cannot be written is skipped.
 */
export const consoleBundle = async (cacheDirectory: string): Promise<ConsoleBundle> => {
  const hash = await sourcesHash();
  const directory = join(cacheDirectory, hash);
  try {
    return { js: await readFile(join(directory, 'console.js')), css: await readFile(join(directory, 'console.css')) };
  } catch {
    // Not cached yet.
  }
  const built = await bundle();
  await mkdir(directory, { recursive: true })
    .then(() => Promise.all([writeFile(join(directory, 'console.js'), built.js), writeFile(join(directory, 'console.css'), built.css)]))
    // Earlier sources' bundles are of no more use.
    .then(() => readdir(cacheDirectory))
    .then((entries) => Promise.all(entries.filter((entry) => entry !== hash).map((entry) => rm(join(cacheDirectory, entry), { recursive: true, force: true }))))
    .catch(() => undefined);
  return built;
};
