import type { AppModel, TableSpec } from './app-model';
import type { CloudAssembly } from './cloud-assembly';
import { type describeDataResources, describeRotations } from './describe-data-resources';
import { describeEventSourceMappings } from './describe-event-source-mappings';
import { describeFunctionUrls } from './describe-function-urls';
import { describeFunctions } from './describe-functions';
import { describeHttpApis } from './describe-http-apis';
import { describeRestApis } from './describe-rest-apis';
import type { TemplateResolver } from './intrinsics';
import { resourcesOfType } from './template-resources';

/** Resource types the local runtime creates, runs or serves. */
const emulatedTypes = new Set([
  'AWS::Lambda::Function',
  'AWS::Lambda::EventSourceMapping',
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::GlobalTable',
  'AWS::SQS::Queue',
  'AWS::Kinesis::Stream',
  'AWS::SecretsManager::Secret',
  'AWS::SecretsManager::RotationSchedule',
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Stage',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::Authorizer',
  'AWS::ApiGateway::RestApi',
  'AWS::ApiGateway::Resource',
  'AWS::ApiGateway::Method',
  'AWS::ApiGateway::Deployment',
  'AWS::ApiGateway::Stage',
  'AWS::ApiGateway::Authorizer',
  'AWS::Lambda::Url',
]);

export type DataResources = ReturnType<typeof describeDataResources>;

/** What runs and serves, once the data resources (`describeDataResources`) exist in the emulators. */
export const describeApp = (
  resolver: TemplateResolver,
  assembly: CloudAssembly,
  data: DataResources,
  inlineCodeRoot: string,
  tableStreams: ReadonlyMap<string, TableSpec>,
  warnings: string[],
  /** The local URL of an API or function URL, by its key: `http://localhost:<port>`. */
  localUrl: (key: string) => string,
): AppModel => {
  for (const stage of resourcesOfType(resolver, 'AWS::ApiGatewayV2::Stage')) {
    const name = String(stage.property('StageName'));
    if (name !== '$default') warnings.push(`${stage.displayName}: stage ${name} is served at the API's root, as $default would be`);
  }
  const declaredAccounts = [...new Set(assembly.stacks.map((stack) => stack.declaredAccount).filter((account) => account !== undefined))];
  if (declaredAccounts.length > 1) {
    warnings.push(`the stacks declare accounts ${declaredAccounts.join(', ')}: locally all run in the one account ${assembly.stacks[0]!.account}, where access across them is same-account access`);
  }
  const notEmulated = new Map<string, number>();
  for (const { resource } of resolver.resources()) {
    if (!emulatedTypes.has(resource.Type)) notEmulated.set(resource.Type, (notEmulated.get(resource.Type) ?? 0) + 1);
  }
  return {
    ...data,
    functions: describeFunctions(resolver, assembly, inlineCodeRoot, warnings),
    rotations: describeRotations(resolver, warnings),
    apis: describeHttpApis(resolver, warnings),
    restApis: describeRestApis(resolver, localUrl, warnings),
    functionUrls: describeFunctionUrls(resolver, localUrl, warnings),
    eventSourceMappings: describeEventSourceMappings(resolver, { queues: data.queues, streams: data.streams, tableStreams }, warnings),
    notEmulated,
    warnings,
  };
};
