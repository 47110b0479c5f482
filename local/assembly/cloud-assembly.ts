import { join } from 'node:path';
import { AssetManifestArtifact, CloudAssembly as CdkCloudAssembly, UNKNOWN_ACCOUNT, UNKNOWN_REGION } from 'aws-cdk-lib/cx-api';

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
  /** The stack's CloudFormation name (`stackName`), which may differ from its construct id. */
  readonly name: string;
  readonly region: string;
  /** The account its resources live in locally: the one local account. */
  readonly account: string;
  /** The account the app declares for the stack, when it declares one. */
  readonly declaredAccount?: string;
  /** For people: its construct path with its name, e.g. `Dev/Notes (dev-notes)`. */
  readonly displayName?: string;
  readonly template: Template;
}

export interface CloudAssembly {
  readonly directory: string;
  /** In deployment order: the CDK writes a stack after the stacks it depends on; the stacks of Stages follow. */
  readonly stacks: StackArtifact[];
  /** Where the bundled asset behind an S3 object key (`<hash>.zip`) lies in the assembly. */
  readonly assetPaths: ReadonlyMap<string, string>;
}

/** Every assembly of the app: the top one and those of its Stages (and of Stages in Stages). */
const assembliesOf = (assembly: CdkCloudAssembly): CdkCloudAssembly[] => [
  assembly,
  ...assembly.nestedAssemblies.flatMap((nested) => assembliesOf(nested.nestedAssembly)),
];

const describeStacks = (stacks: StackArtifact[]) => stacks.map((stack) => stack.displayName ?? stack.name).join(', ');

/**
 * Reads a synthesized app with the CDK's own cloud assembly API: its stacks, those of its Stages, each
 * with its `stackName` and environment, and where each file asset lies. Every stack runs in the one
 * local account (`defaults.account`); a stack without a region gets `defaults.region`.
 */
export const readCloudAssembly = (directory: string, defaults: { region: string; account: string }): CloudAssembly => {
  // The app's aws-cdk-lib may be newer than the runtime's: the parts read here have not changed in years.
  const top = new CdkCloudAssembly(directory, { skipVersionCheck: true, skipEnumCheck: true });
  const assemblies = assembliesOf(top);
  const stacks: StackArtifact[] = assemblies.flatMap((assembly) =>
    assembly.stacks.map((stack) => ({
      name: stack.stackName,
      region: stack.environment.region === UNKNOWN_REGION ? defaults.region : stack.environment.region,
      account: defaults.account,
      declaredAccount: stack.environment.account === UNKNOWN_ACCOUNT ? undefined : stack.environment.account,
      displayName: stack.displayName,
      template: stack.template as Template,
    })),
  );
  if (stacks.length === 0) {
    throw new Error(
      `The CDK app synthesized no stack (${directory}): there is nothing to run. ` +
        'Define at least one Stack in the app, or in a Stage the app creates.',
    );
  }
  for (const stack of stacks) {
    const namesakes = stacks.filter((other) => other.name === stack.name);
    if (namesakes.length > 1) {
      throw new Error(
        `Stacks ${describeStacks(namesakes)} share the name ${stack.name}: the local runtime runs every stack in one account, ` +
          'where stack names (and the names generated from them) must be unique. Give each its own stackName.',
      );
    }
  }

  const assetPaths = new Map<string, string>();
  for (const assembly of assemblies) {
    for (const manifest of assembly.artifacts.filter(AssetManifestArtifact.isAssetManifestArtifact)) {
      for (const file of Object.values(manifest.contents.files ?? {})) {
        if (!file.source.path) continue;
        for (const destination of Object.values(file.destinations)) {
          assetPaths.set(destination.objectKey, join(assembly.directory, file.source.path));
        }
      }
    }
  }
  return { directory, stacks, assetPaths };
};
