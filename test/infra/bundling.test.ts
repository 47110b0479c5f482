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
});
