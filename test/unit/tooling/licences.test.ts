import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { declaredLicence, isStrongCopyleft, packageRootOf } from '../../support/licences';

const projectRoot = join(__dirname, '../../..');

/** Every package installed for production (`npm ls --omit=dev`), by its directory. */
const productionPackages = (): string[] =>
  execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: projectRoot, encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes('node_modules'));

/**
 * The project is MIT-0; the local runtime's IAM evaluator (@cloud-copilot/iam-simulate) is
 * AGPL-3.0-or-later, which is fine for a development tool and must never reach what is deployed
 * (docs/decisions/0031-iam-enforced-locally.md). Function bundles are checked by test/infra/bundling.test.ts.
 */
describe('licences', () => {
  let production: string[];

  beforeAll(() => {
    production = productionPackages();
  });

  it.each([
    ['AGPL-3.0-or-later', true],
    ['GPL-2.0-only', true],
    ['MIT AND GPL-3.0', true],
    ['(GPL-2.0 OR AGPL-3.0)', true],
    ['LGPL-2.1', false],
    ['(MIT OR GPL-3.0)', false],
    ['MIT-0', false],
    ['Apache-2.0', false],
  ])('%s is strong copyleft: %s', (expression, expected) => expect(isStrongCopyleft(expression)).toBe(expected));

  it('finds the package a bundled file comes from', () => {
    expect(packageRootOf('node_modules/a/node_modules/@scope/b/lib/index.js')).toBe('node_modules/a/node_modules/@scope/b');
    expect(packageRootOf('functions/user/handlers/login.ts')).toBeUndefined();
  });

  it('installs no GPL or AGPL package for production', () => {
    expect(production.length).toBeGreaterThan(10);
    const copyleft = production.map((directory) => ({ directory, licence: declaredLicence(directory) })).filter(({ licence }) => isStrongCopyleft(licence));
    expect(copyleft).toEqual([]);
  });

  it('keeps the AGPL IAM evaluator a development dependency of the local runtime only', () => {
    const evaluator = join(projectRoot, 'node_modules/@cloud-copilot/iam-simulate');
    expect(isStrongCopyleft(declaredLicence(evaluator))).toBe(true);
    expect(production).not.toContain(evaluator);
  });
});
