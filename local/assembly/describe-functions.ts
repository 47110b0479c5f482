import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FunctionSpec } from './app-model';
import type { CloudAssembly } from './cloud-assembly';
import { type TemplateResolver, UnresolvableError } from './intrinsics';
import { describeOrWarn, type FoundResource, optionalNumber, resourcesOfType } from './template-resources';

interface Code {
  S3Key?: string;
  ZipFile?: string;
  ImageUri?: string;
}

/** The directory holding the function's code: its bundled asset, or inline code written out as `index.js`. */
const codeOf = (fn: FoundResource, assembly: CloudAssembly, inlineCodeRoot: string) => {
  const code = (fn.property('Code') ?? {}) as Code;
  if (code.ZipFile !== undefined) {
    const directory = join(inlineCodeRoot, fn.key.replace(/[^A-Za-z0-9]/g, '_'));
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, 'index.js'), code.ZipFile);
    return { codeDirectory: directory, codeId: createHash('sha256').update(code.ZipFile).digest('hex') };
  }
  const asset = code.S3Key && assembly.assetPaths.get(code.S3Key);
  if (!asset) throw new UnresolvableError(`its code (${JSON.stringify(code)}) is not an asset of this cloud assembly`);
  if (asset.endsWith('.zip')) throw new UnresolvableError('its code is a prebuilt .zip file; only asset directories run locally');
  return { codeDirectory: asset, codeId: code.S3Key! };
};

const environmentOf = (fn: FoundResource, warnings: string[]): Record<string, string> => {
  const variables = (fn.resource.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
  const environment: Record<string, string> = {};
  for (const name of Object.keys(variables)) {
    const value = describeOrWarn(warnings, `${fn.displayName} environment variable ${name}`, () =>
      String((fn.property('Environment') as { Variables: Record<string, unknown> }).Variables[name]),
    );
    if (value !== undefined) environment[name] = value;
  }
  return environment;
};

const describeFunction = (fn: FoundResource, assembly: CloudAssembly, inlineCodeRoot: string, warnings: string[]): FunctionSpec => {
  const runtime = String(fn.property('Runtime') ?? '');
  if (!runtime.startsWith('nodejs')) throw new UnresolvableError(`runtime ${runtime || '(container image)'} cannot run locally; only Node.js functions do`);
  if (fn.property('Layers') !== undefined) warnings.push(`${fn.displayName}: layers are not mounted locally (/opt is empty)`);
  const logging = (fn.property('LoggingConfig') ?? {}) as { LogFormat?: string; LogGroup?: string; ApplicationLogLevel?: string };
  const name = fn.ref();
  return {
    key: fn.key,
    displayName: fn.displayName,
    name,
    arn: fn.attribute('Arn'),
    ...codeOf(fn, assembly, inlineCodeRoot),
    handler: String(fn.property('Handler') ?? 'index.handler'),
    runtime,
    region: fn.stack.region,
    timeoutSeconds: optionalNumber(fn.property('Timeout')) ?? 3,
    memoryMb: optionalNumber(fn.property('MemorySize')) ?? 128,
    environment: environmentOf(fn, warnings),
    reservedConcurrency: optionalNumber(fn.property('ReservedConcurrentExecutions')),
    logGroupName: logging.LogGroup ?? `/aws/lambda/${name}`,
    roleArn: String(fn.property('Role')),
    logFormat: logging.LogFormat ?? 'Text',
    applicationLogLevel: logging.LogFormat === 'JSON' ? logging.ApplicationLogLevel : undefined,
  };
};

export const describeFunctions = (
  resolver: TemplateResolver,
  assembly: CloudAssembly,
  inlineCodeRoot: string,
  warnings: string[],
): FunctionSpec[] =>
  resourcesOfType(resolver, 'AWS::Lambda::Function')
    .map((fn) => describeOrWarn(warnings, `${fn.displayName} does not run locally`, () => describeFunction(fn, assembly, inlineCodeRoot, warnings)))
    .filter((spec): spec is FunctionSpec => spec !== undefined);
