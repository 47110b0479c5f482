import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCloudAssembly } from '../../local/assembly/cloud-assembly';
import { localAccountId } from '../../local/runtime';
import { benchRegion, synthesizeInto } from '../support/synthesize';

/** The class a client package exports for its bare client (`DynamoDBClient`, `DynamoDBDocumentClient`). */
const clientClassOf = (packageName: string): string => {
  const exported = require(packageName) as Record<string, unknown>; // eslint-disable-line @typescript-eslint/no-require-imports -- the name is only known at run time
  const clients = Object.keys(exported).filter(
    (name) => name.endsWith('Client') && !name.startsWith('__') && typeof (exported[name] as { prototype?: { send?: unknown } })?.prototype?.send === 'function',
  );
  const shortest = clients.sort((a, b) => a.length - b.length)[0];
  if (!shortest) throw new Error(`${packageName} exports no SDK client class`);
  return shortest;
};

const floorSource = (packages: string[]) => {
  const imports = packages.map((name) => ({ name, client: clientClassOf(name) }));
  return [
    '// A cold-start floor, written by the benchmarks: a bare handler that imports only these AWS SDK clients.',
    ...imports.map(({ name, client }) => `import { ${client} } from '${name}';`),
    `export const clients = [${imports.map(({ client }) => client).join(', ')}];`,
    'export const handler = async () => ({ statusCode: 200 });',
    '',
  ].join('\n');
};

/**
 * Bundles one floor per distinct set of AWS SDK client packages, with ServiceFunction's own bundling
 * (see floor-app.ts), and returns each set's bundle directory, keyed by the set (`a+b`, or `` for none).
 */
export const buildFloorBundles = async (
  projectDirectory: string,
  workDirectory: string,
  clientSets: string[][],
): Promise<Map<string, string>> => {
  const keys = [...new Set(clientSets.map((set) => set.join('+')))];
  const sources = join(workDirectory, 'floor-sources');
  mkdirSync(sources, { recursive: true });
  const floors = keys.map((key, index) => {
    const entry = join(sources, `floor-${index}.ts`);
    writeFileSync(entry, floorSource(key ? key.split('+') : []));
    return { id: `Floor${index}`, entry, key };
  });
  const outDirectory = join(workDirectory, 'floors.out');
  await synthesizeInto(projectDirectory, outDirectory, {
    app: `npx tsx ${join(__dirname, 'floor-app.ts')}`,
    context: { coldStartFloors: floors.map(({ id, entry }) => ({ id, entry })) },
  });
  const assembly = readCloudAssembly(outDirectory, { region: benchRegion, account: localAccountId });
  const bundles = new Map<string, string>();
  for (const stack of assembly.stacks) {
    for (const resource of Object.values(stack.template.Resources ?? {})) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      const id = String(resource.Metadata?.['aws:cdk:path']).split('/')[1];
      const floor = floors.find((candidate) => candidate.id === id);
      const code = resource.Properties?.Code as { S3Key?: string } | undefined;
      const directory = code?.S3Key && assembly.assetPaths.get(code.S3Key);
      if (floor && directory) bundles.set(floor.key, directory);
    }
  }
  return bundles;
};
