import type { AppModel, TableSpec } from './app-model';
import type { CloudAssembly } from './cloud-assembly';
import { type describeDataResources, describeRotations } from './describe-data-resources';
import { describeEventSourceMappings } from './describe-event-source-mappings';
import { describeFunctionUrls } from './describe-function-urls';
import { describeFunctions } from './describe-functions';
import { describeHttpApis } from './describe-http-apis';
import { describeAsyncInvokeConfigs } from './describe-async-invoke';
import { describeEventRules } from './describe-event-rules';
import { describeIam } from './describe-iam';
import { describeTopics } from './describe-topics';
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
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::ManagedPolicy',
  'AWS::SQS::QueuePolicy',
  'AWS::SNS::TopicPolicy',
  'AWS::SNS::TopicInlinePolicy',
  'AWS::SQS::QueueInlinePolicy',
  'AWS::SecretsManager::ResourcePolicy',
  'AWS::Lambda::Permission',
  'AWS::Lambda::EventInvokeConfig',
  'AWS::SNS::Topic',
  'AWS::SNS::Subscription',
  'AWS::Events::EventBus',
  'AWS::Events::Rule',
  'AWS::Scheduler::Schedule',
  'AWS::Scheduler::ScheduleGroup',
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
  const functions = describeFunctions(resolver, assembly, inlineCodeRoot, warnings);
  const functionArn = (nameOrArn: string) => functions.find((fn) => fn.name === nameOrArn || fn.arn === nameOrArn)?.arn ?? nameOrArn;
  return {
    ...data,
    functions,
    rotations: describeRotations(resolver, warnings),
    apis: describeHttpApis(resolver, warnings),
    restApis: describeRestApis(resolver, localUrl, warnings),
    functionUrls: describeFunctionUrls(resolver, localUrl, warnings),
    eventSourceMappings: describeEventSourceMappings(resolver, { queues: data.queues, streams: data.streams, tableStreams }, warnings),
    iam: describeIam(resolver, warnings, { functionArn, queueArn: (url) => data.queues.find((queue) => queue.url === url)?.arn ?? url }),
    events: {
      ...describeTopics(resolver, warnings),
      ...describeEventRules(resolver, warnings),
      asyncInvokeConfigs: describeAsyncInvokeConfigs(resolver, warnings, functionArn),
    },
    notEmulated,
    warnings,
  };
};
