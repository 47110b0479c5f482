import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** `require("@aws-sdk/x")`, `import("@aws-sdk/x")`, `from "@aws-sdk/x"`, `import "@aws-sdk/x"`: a package name, without subpath. */
const sdkSpecifier = /(?:\brequire\s*\(\s*|\bimport\s*\(\s*|\bfrom\s*|\bimport\s+)["'](@aws-sdk\/[a-z0-9][a-z0-9._-]*)/g;
const scriptFile = /\.(c|m)?js$/;

const scripts = function* (directory: string): Generator<string> {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* scripts(path);
    else if (scriptFile.test(entry.name) && statSync(path).size < 64 * 1024 * 1024) yield path;
  }
};

/** Cache by code directory: an asset's content never changes under its name (its hash). */
const found = new Map<string, string[]>();

/**
 * The `@aws-sdk/*` packages a function's code loads without carrying them: the ones it expects the
 * Lambda runtime to provide (NodejsFunction leaves `@aws-sdk/*` out of its bundle by default). A package
 * the code brings in its own `node_modules` is its own, as on Lambda.
 */
export const sdkPackagesExpectedFromRuntime = (codeDirectory: string): string[] => {
  const cached = found.get(codeDirectory);
  if (cached) return cached;
  const names = new Set<string>();
  for (const file of scripts(codeDirectory)) {
    for (const match of readFileSync(file, 'utf8').matchAll(sdkSpecifier)) names.add(match[1]!);
  }
  const expected = [...names].filter((name) => !existsSync(join(codeDirectory, 'node_modules', name))).sort();
  found.set(codeDirectory, expected);
  return expected;
};
