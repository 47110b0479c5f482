import type { AppModel, EventSourceMappingSpec, HttpApiSpec, RestApiSpec } from './assembly/app-model';
import { type EmulatorName, emulatorNames, emulatorTitles } from './emulators/start-emulators';
import type { ServiceEndpoints } from './lambda/environment-variables';

/** Why a resource type is not emulated, in a few words, for the types a CDK app usually has. */
const reasons: Record<string, string> = {
  'AWS::Logs::LogGroup': 'function logs go to this terminal',
  'AWS::SSM::Parameter': 'resolved into the templates; a function calling SSM gets NotEmulatedLocally',
  'AWS::CloudWatch::Alarm': 'no metrics locally',
  'AWS::CloudWatch::CompositeAlarm': 'no alarms locally (no metrics)',
  'AWS::CloudWatch::Dashboard': 'no metrics locally',
  'AWS::KMS::Key': 'data is not encrypted locally',
};

/** The display name of the function with this ARN or name, or the ARN itself when the app has no such function. */
export const functionName = (model: AppModel, arn: string) => model.functions.find((fn) => fn.arn === arn || fn.name === arn)?.displayName ?? arn;

const routeLines = (model: AppModel, api: HttpApiSpec) => {
  const width = Math.max(0, ...api.routes.map((route) => route.routeKey.length));
  return api.routes.map((route) => {
    const target = route.integration ? functionName(model, route.integration.functionArn) : '(not served locally)';
    const auth = route.authorizer
      ? ` [${route.authorizer.type === 'JWT' ? 'JWT' : 'Lambda'} authorizer ${route.authorizer.name}${route.authorizationScopes.length ? `, scopes ${route.authorizationScopes.join(' ')}` : ''}]`
      : '';
    return `      ${route.routeKey.padEnd(width)}  → ${target}${auth}`;
  });
};

const restMethodLines = (model: AppModel, api: RestApiSpec) => {
  const methods = api.resources.flatMap((resource) => resource.methods.map((method) => ({ key: `${method.httpMethod} ${resource.path}`, method })));
  const width = Math.max(0, ...methods.map(({ key }) => key.length));
  return methods.map(({ key, method }) => {
    const target = method.integration.type === 'MOCK' ? `MOCK ${method.integration.statusCode}` : functionName(model, method.integration.functionArn);
    const auth = method.authorizer ? ` [${method.authorizer.type} authorizer ${method.authorizer.name}]` : '';
    return `      ${key.padEnd(width)}  → ${target}${auth}`;
  });
};

const sourceName = (source: EventSourceMappingSpec['source']) =>
  source.kind === 'sqs' ? `queue ${source.queue.name}` : source.kind === 'kinesis' ? `stream ${source.stream.name}` : `table stream ${source.table.name}`;

const section = (title: string, items: string[]) => (items.length ? [`  ${title} (${items.length})`, ...items.map((item) => `      ${item}`)] : []);

/** The table printed once the runtime is ready: what runs, where, and what does not. */
export const describeRunning = (
  model: AppModel,
  runtime: { endpoints: ServiceEndpoints; awsEndpoint: string; iamEnforced: boolean; emulatorsRunning(): EmulatorName[] },
): string[] => [
  ...model.apis.flatMap((api) => [`  HTTP API ${api.name} at ${api.url} (${api.routes.length} routes)`, ...routeLines(model, api)]),
  ...model.restApis.flatMap((api) => [
    `  REST API ${api.name} at ${api.stages.map((stage) => `${api.url}/${stage.name}`).join(', ') || `${api.url} (no stage)`}`,
    ...restMethodLines(model, api),
  ]),
  ...section(
    'Function URLs',
    model.functionUrls.map((url) => `${url.url}  → ${functionName(model, url.functionArn)} (auth ${url.authType}${url.authType === 'NONE' && !url.publicAccess ? ', but no public permission: 403' : ''})`),
  ),
  ...section('Functions', model.functions.map((fn) => `${fn.displayName}  (${fn.name}, ${fn.runtime}, ${fn.timeoutSeconds} s, ${fn.memoryMb} MB)`)),
  ...section('DynamoDB tables', model.tables.map((table) => table.name)),
  ...section('SQS queues', model.queues.map((queue) => queue.url)),
  ...section('Kinesis streams', model.streams.map((stream) => `${stream.name} (${stream.shardCount} shard${stream.shardCount === 1 ? '' : 's'})`)),
  ...section('Secrets', model.secrets.map((secret) => secret.name)),
  ...section(
    'SNS topics',
    model.events.topics.map((topic) => {
      const subscriptions = model.events.subscriptions.filter((subscription) => subscription.topicArn === topic.arn);
      return `${topic.name}${subscriptions.length ? ` → ${subscriptions.map((subscription) => `${subscription.protocol} ${subscription.endpoint.split(':').pop()}`).join(', ')}` : ''}`;
    }),
  ),
  ...section('EventBridge rules', model.events.rules.map((rule) => `${rule.busName}/${rule.name} → ${rule.targets.map((target) => target.arn.split(':').pop()).join(', ')}`)),
  ...section('Schedules', model.events.schedules.map((schedule) => `${schedule.name} ${schedule.expression}${schedule.enabled ? '' : ' (disabled)'}`)),
  ...section(
    'Event source mappings',
    model.eventSourceMappings.map(
      (mapping) =>
        `${sourceName(mapping.source)} → ${functionName(model, mapping.functionArn)}` +
        ` (batch ${mapping.batchSize}${mapping.enabled ? '' : ', disabled'})`,
    ),
  ),
  `  AWS front door (every function's AWS endpoint): ${runtime.awsEndpoint}; ` +
    (runtime.iamEnforced
      ? `IAM enforced: each call is checked against the function's role and the resource's policy`
      : 'IAM off (--iam off): functions may call everything'),
  `  Emulators: ${emulatorNames
    .map((name) => `${emulatorTitles[name]} ${runtime.endpoints[name]}${runtime.emulatorsRunning().includes(name) ? '' : ' (starts on its first call)'}`)
    .join(', ')}`,
];

export const describeNotEmulated = (model: AppModel): string[] => [
  'Not emulated (present in the templates, without effect locally):',
  ...[...model.notEmulated]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, count]) => `  ${type} ×${count}: ${reasons[type] ?? 'not emulated'}`),
];
