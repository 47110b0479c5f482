import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A CloudFormation template, as the CDK writes it. Values stay `unknown` until resolved. */
export interface Template {
  readonly Parameters?: Record<string, { Type: string; Default?: unknown }>;
  readonly Conditions?: Record<string, unknown>;
  readonly Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  readonly Resources?: Record<string, TemplateResource>;
  readonly Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown } }>;
}

export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Condition?: string;
  readonly Metadata?: Record<string, unknown>;
}

export interface StackArtifact {
  readonly name: string;
  readonly region: string;
  readonly account: string;
  readonly template: Template;
}

export interface CloudAssembly {
  readonly directory: string;
  /** In deployment order: the CDK writes a stack after the stacks it depends on. */
  readonly stacks: StackArtifact[];
  /** Where the bundled asset behind an S3 object key (`<hash>.zip`) lies in the assembly. */
  readonly assetPaths: ReadonlyMap<string, string>;
}

interface Manifest {
  readonly artifacts?: Record<
    string,
    { type: string; environment?: string; properties?: { templateFile?: string; file?: string } }
  >;
}

interface AssetManifest {
  readonly files?: Record<string, { source: { path?: string }; destinations: Record<string, { objectKey: string }> }>;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** `aws://123456789012/eu-west-1`; environment-agnostic stacks say `unknown-account` / `unknown-region`. */
const parseEnvironment = (environment: string | undefined, defaults: { region: string; account: string }) => {
  const [, account, region] = /^aws:\/\/([^/]+)\/(.+)$/.exec(environment ?? '') ?? [];
  return {
    account: account && account !== 'unknown-account' ? account : defaults.account,
    region: region && region !== 'unknown-region' ? region : defaults.region,
  };
};

export const readCloudAssembly = (directory: string, defaults: { region: string; account: string }): CloudAssembly => {
  const artifacts = Object.entries(readJson<Manifest>(join(directory, 'manifest.json')).artifacts ?? {});
  const stacks = artifacts
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack' && artifact.properties?.templateFile)
    .map(([name, artifact]) => ({
      name,
      ...parseEnvironment(artifact.environment, defaults),
      template: readJson<Template>(join(directory, artifact.properties!.templateFile!)),
    }));
  const assetPaths = new Map<string, string>();
  for (const [, artifact] of artifacts) {
    if (artifact.type !== 'cdk:asset-manifest' || !artifact.properties?.file) continue;
    const { files = {} } = readJson<AssetManifest>(join(directory, artifact.properties.file));
    for (const file of Object.values(files)) {
      if (!file.source.path) continue;
      for (const destination of Object.values(file.destinations)) {
        assetPaths.set(destination.objectKey, join(directory, file.source.path));
      }
    }
  }
  return { directory, stacks, assetPaths };
};
