import { join } from 'node:path';
import type { FunctionSpec } from '../../local/assembly/app-model';
import { environmentVariables } from '../../local/lambda/environment-variables';
import { ratio, type Summary, summarize } from '../support/stats';
import { type BundleContents, readBundle, sdkClientPackages, usedSdkClientPackages } from './bundle-metafile';
import { buildFloorBundles } from './floor-bundles';
import { type LoadSubject, measureLoads } from './measure-loads';

export interface ColdStartFigures {
  readonly function: string;
  readonly entryPoint: string;
  readonly codeBytes: number;
  readonly sourceMapBytes: number;
  /** The AWS SDK clients whose commands the function sends: what its floor imports. */
  readonly sdkClients: string[];
  /** Client packages in the bundle that it never sends a command with. */
  readonly unusedSdkClients: string[];
  /** Requiring the bundle in a fresh process, module scope included (what Lambda's init phase runs). */
  readonly load: Summary;
  /** Spawning the process to its exit. */
  readonly process: Summary;
  readonly floor: { readonly codeBytes: number; readonly sourceMapBytes: number; readonly load: Summary; readonly process: Summary };
  /** load median / floor load median. */
  readonly ratio: number;
  readonly topContributors: BundleContents['contributors'];
}

export interface ColdStartContext {
  readonly projectDirectory: string;
  readonly workDirectory: string;
  readonly functions: FunctionSpec[];
  /** The runtime's AWS front door, as functions see it. */
  readonly awsEndpoint: string;
}

const topContributorCount = 6;

/**
 * Cold start per function: the deployable bundle's size and what it is made of, and the time a fresh
 * Node process takes to load it, next to a floor bundle that imports only the same AWS SDK clients,
 * bundled the same way and loaded with the same environment.
 */
export const measureColdStarts = async (context: ColdStartContext, runs: number): Promise<ColdStartFigures[]> => {
  const contents = context.functions.map((fn) => ({ fn, contents: readBundle(fn.codeDirectory) }));
  // First what each client brings by merely being imported, then the floors of the clients each function uses.
  const packages = [...new Set(contents.flatMap(({ contents }) => sdkClientPackages(contents)))];
  const singles = await buildFloorBundles(context.projectDirectory, join(context.workDirectory, 'single-client-floors'), packages.map((name) => [name]));
  const baseline = new Map(packages.map((name) => [name, readBundle(singles.get(name)!).commands]));
  const bundles = contents.map(({ fn, contents }) => ({ fn, contents, clients: usedSdkClientPackages(contents, baseline) }));
  const floors = await buildFloorBundles(
    context.projectDirectory,
    join(context.workDirectory, 'floors'),
    bundles.map(({ clients }) => clients),
  );
  // One floor per set of clients and per NODE_OPTIONS (which differ only when assemblies built from different code are compared).
  const floorKey = (clients: string[], env: Record<string, string>) =>
    `floor: ${clients.join('+') || 'no SDK client'}${env.NODE_OPTIONS ? ` (NODE_OPTIONS=${env.NODE_OPTIONS})` : ''}`;
  const floorDirectory = (clients: string[]) => floors.get(clients.join('+'))!;
  const subjects = new Map<string, LoadSubject>();
  const floorKeys = new Map<string, string>();
  for (const { fn, clients } of bundles) {
    // A floor's environment is that of the first function it stands for: the same NODE_OPTIONS and AWS settings.
    const env = environmentVariables(fn, context.awsEndpoint, context.workDirectory);
    subjects.set(fn.displayName, { key: fn.displayName, file: join(fn.codeDirectory, 'index.js'), env });
    if (!subjects.has(floorKey(clients, env))) subjects.set(floorKey(clients, env), { key: floorKey(clients, env), file: join(floorDirectory(clients), 'index.js'), env });
    floorKeys.set(fn.displayName, floorKey(clients, env));
  }
  const times = await measureLoads([...subjects.values()], runs);
  return bundles.map(({ fn, contents, clients }) => {
    const own = times.get(fn.displayName)!;
    const floor = times.get(floorKeys.get(fn.displayName)!)!;
    const floorContents = readBundle(floorDirectory(clients));
    const load = summarize(own.loadMs);
    const floorLoad = summarize(floor.loadMs);
    return {
      function: fn.displayName,
      entryPoint: contents.entryPoint,
      codeBytes: contents.codeBytes,
      sourceMapBytes: contents.sourceMapBytes,
      sdkClients: clients,
      unusedSdkClients: sdkClientPackages(contents).filter((name) => !clients.includes(name)),
      load,
      process: summarize(own.processMs),
      floor: { codeBytes: floorContents.codeBytes, sourceMapBytes: floorContents.sourceMapBytes, load: floorLoad, process: summarize(floor.processMs) },
      ratio: ratio(load.median, floorLoad.median),
      topContributors: contents.contributors.slice(0, topContributorCount),
    };
  });
};
