import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A package's licence as its package.json declares it (`license`, or the old `licenses` list). */
export const declaredLicence = (packageDirectory: string): string => {
  const manifest = JSON.parse(readFileSync(join(packageDirectory, 'package.json'), 'utf8')) as {
    license?: string | { type?: string };
    licenses?: { type?: string }[];
  };
  const licence = manifest.license ?? manifest.licenses?.map((entry) => entry.type).join(' OR ');
  return typeof licence === 'object' ? String(licence.type) : (licence ?? 'none declared');
};

/**
 * Whether an SPDX expression leaves no choice but the GPL or the AGPL (strong copyleft):
 * `AGPL-3.0-or-later`, `GPL-2.0`, `MIT AND GPL-3.0`; not `LGPL-2.1`, nor `MIT OR GPL-3.0`, where one may take MIT.
 */
export const isStrongCopyleft = (expression: string): boolean =>
  expression
    .replace(/[()]/g, '')
    .split(/\s+OR\s+/i)
    .every((alternative) => /\bA?GPL\b/i.test(alternative));

/** `node_modules/a/node_modules/@s/b/lib/x.js` → `node_modules/a/node_modules/@s/b`; undefined for the project's own code. */
export const packageRootOf = (path: string): string | undefined => /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1];
