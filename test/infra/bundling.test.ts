import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { synthShop } from './shop-app';
import { resourcesOfType } from './templates';

describe('bundling (real esbuild run)', () => {
  const { app, stacks } = synthShop({ bundle: true });
  const assembly = app.synth();
  const functions = resourcesOfType(Object.values(stacks), 'AWS::Lambda::Function');

  it.each(functions.map((fn) => [fn.logicalId, fn]))(
    '%s deploys a minified bundle that loads no AWS SDK from the runtime',
    (_id, fn) => {
      const bundle = join(assembly.directory, fn.metadata['aws:asset:path'], 'index.js');
      expect(existsSync(bundle)).toBe(true);
      expect(existsSync(`${bundle}.map`)).toBe(true);
      const code = readFileSync(bundle, 'utf8');
      // Only the optional CRT signer (SigV4a, loaded in a try/catch) stays outside the bundle.
      expect(code).not.toMatch(/require\("@(aws-sdk\/(client|lib|core|credential)|smithy)/);
      const averageLineLength = code.length / code.split('\n').length;
      expect(averageLineLength).toBeGreaterThan(1000);
    },
  );

  it.each(functions.map((fn) => [fn.logicalId, fn]))('%s carries no semver: only aws-xray-sdk-core asks for it, for the SDK v2, and gets the stand-in', (_id, fn) => {
    const { inputs } = JSON.parse(readFileSync(join(assembly.directory, fn.metadata['aws:asset:path'], 'index.meta.json'), 'utf8')) as Metafile;
    expect(Object.keys(inputs).filter((input) => input.includes('node_modules/semver/'))).toEqual([]);
    const importers = Object.entries(inputs).filter(([, { imports }]) => imports.some((imported) => imported.original === 'semver'));
    expect(importers.map(([input]) => input)).toEqual(['node_modules/aws-xray-sdk-core/dist/lib/patchers/aws_p.js']);
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

interface Metafile {
  readonly inputs: Record<string, { readonly imports: { readonly path: string; readonly original?: string }[] }>;
}
