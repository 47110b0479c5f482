import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What one deployable bundle is made of, from the esbuild metafile ServiceFunction writes beside it. */
export interface BundleContents {
  /** The handler source the bundle was built from, e.g. `functions/user/handlers/login.ts`. */
  readonly entryPoint: string;
  readonly codeBytes: number;
  readonly sourceMapBytes: number;
  /** Bytes in the output per package (`@aws-sdk/client-dynamodb`, `zod`) or, for the project's own code, per folder. */
  readonly contributors: { readonly name: string; readonly bytes: number }[];
  /** The AWS SDK commands in the bundle, as `<package> <Command>`. */
  readonly commands: string[];
}

/** The parts of esbuild's metafile read here: what went into the bundle, and what each input imports. */
export interface Metafile {
  readonly inputs: Record<string, { readonly imports: { readonly path: string; readonly original?: string }[] }>;
  readonly outputs: Record<string, { entryPoint?: string; inputs: Record<string, { bytesInOutput: number }> }>;
}

export const readMetafile = (bundleDirectory: string): Metafile =>
  JSON.parse(readFileSync(join(bundleDirectory, 'index.meta.json'), 'utf8')) as Metafile;

/** `node_modules/@scope/name/...` → `@scope/name`; `functions/user/handlers/login.ts` → `functions/user`. */
const contributorOf = (input: string): string => {
  const inPackage = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (inPackage) return inPackage[1]!;
  return input.split('/').slice(0, 2).join('/');
};

export const readBundle = (bundleDirectory: string): BundleContents => {
  const metafile = readMetafile(bundleDirectory);
  const output = Object.values(metafile.outputs).find((candidate) => candidate.entryPoint);
  if (!output) throw new Error(`${bundleDirectory}/index.meta.json names no entry point`);
  const bytesByContributor = new Map<string, number>();
  const commands: string[] = [];
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = contributorOf(input);
    bytesByContributor.set(name, (bytesByContributor.get(name) ?? 0) + bytesInOutput);
    const command = /\/commands\/(\w+)Command\.js$/.exec(input)?.[1];
    if (command) commands.push(`${name} ${command}`);
  }
  const sizeOf = (file: string) => statSync(join(bundleDirectory, file), { throwIfNoEntry: false })?.size ?? 0;
  return {
    entryPoint: output.entryPoint!,
    codeBytes: sizeOf('index.js'),
    sourceMapBytes: sizeOf('index.js.map'),
    contributors: [...bytesByContributor].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes),
    commands,
  };
};

/** The AWS SDK client packages a bundle carries, whether its code sends their commands or not. */
export const sdkClientPackages = (contents: BundleContents): string[] =>
  contents.contributors.map(({ name }) => name).filter((name) => /^@aws-sdk\/(client-|lib-)/.test(name)).sort();

/**
 * The client packages whose commands the bundle's code sends: those with a command beyond the ones
 * that importing the bare clients brings by itself (`baseline`: per package, the commands of a floor
 * that imports that client alone, which may belong to other packages, as lib-dynamodb's paginators do).
 */
export const usedSdkClientPackages = (contents: BundleContents, baseline: ReadonlyMap<string, readonly string[]>): string[] => {
  const carried = sdkClientPackages(contents);
  const broughtByImports = new Set(carried.flatMap((name) => baseline.get(name) ?? []));
  return carried.filter((name) => contents.commands.some((command) => command.startsWith(`${name} `) && !broughtByImports.has(command)));
};
