import { createHash } from 'node:crypto';
import { type IdentityOf, type ResourceIdentity, type ResourceInStack, UnresolvableError } from './intrinsics';

/** What the local identities depend on: the emulators' endpoints and values only known once resources exist. */
export interface LocalEndpoints {
  readonly sqsEndpoint: string;
  /** The local URL (`http://localhost:<port>`) of an HTTP API, a REST API or a function URL. */
  apiEndpoint(stack: string, logicalId: string): string;
  /** Values assigned while resources are created (a secret's ARN), keyed `Stack/LogicalId.Attribute`. */
  readonly assigned: ReadonlyMap<string, string>;
}

/** A stable short id, shaped like the ids API Gateway gives (10 lowercase letters and digits). */
const shortId = (seed: string, length = 10) =>
  BigInt(`0x${createHash('sha256').update(seed).digest('hex').slice(0, 16)}`)
    .toString(36)
    .padStart(length, '0')
    .slice(0, length);

/** The id of an HTTP or REST API, and of a function URL (its `<url-id>`): stable across runs. */
export const localApiId = (stackName: string, logicalId: string) => shortId(`${stackName}/${logicalId}`);

/** CloudFormation names unnamed resources `<stack>-<logicalId>-<random>`; locally the name is stable. */
const generatedName = ({ stack, logicalId }: ResourceInStack, maxLength: number) =>
  `${stack.name}-${logicalId}`.slice(0, maxLength);

const nameFrom = (resource: ResourceInStack, property: string, maxLength: number): string => {
  const given = resource.property(property);
  return given === undefined ? generatedName(resource, maxLength) : String(given);
};

const arn = ({ stack }: ResourceInStack, service: string, resource: string, global = false) =>
  `arn:aws:${service}:${global ? '' : stack.region}:${stack.account}:${resource}`;

const identity = (ref: () => unknown, attributes: Record<string, () => unknown>, what: string): ResourceIdentity => ({
  ref,
  attribute: (name) => {
    const attribute = attributes[name];
    if (!attribute) throw new UnresolvableError(`${what} has no attribute ${name} locally`);
    return attribute();
  },
});

/** A part of a REST API (a resource, a deployment, an authorizer): a 6-character id, its `Ref` and its one id attribute. */
const restApiPart =
  (idAttribute: string) =>
  (resource: ResourceInStack): ResourceIdentity => {
    const id = () => shortId(`${resource.stack.name}/${resource.logicalId}`, 6);
    return identity(id, { [idAttribute]: id }, resource.logicalId);
  };

const assignedValue = (endpoints: LocalEndpoints, resource: ResourceInStack, attribute: string) => () => {
  const value = endpoints.assigned.get(`${resource.stack.name}/${resource.logicalId}.${attribute}`);
  if (value === undefined) throw new UnresolvableError(`${resource.logicalId}.${attribute} is not known until it is created`);
  return value;
};

type IdentityFactory = (resource: ResourceInStack, endpoints: LocalEndpoints) => ResourceIdentity;

const table: IdentityFactory = (resource, endpoints) => {
  const name = () => nameFrom(resource, 'TableName', 255);
  return identity(name, {
    Arn: () => arn(resource, 'dynamodb', `table/${name()}`),
    StreamArn: assignedValue(endpoints, resource, 'StreamArn'),
  }, resource.logicalId);
};

const factories: Record<string, IdentityFactory> = {
  'AWS::DynamoDB::Table': table,
  'AWS::DynamoDB::GlobalTable': table,
  'AWS::SQS::Queue': (resource, endpoints) => {
    const name = () => {
      const given = resource.property('QueueName');
      if (given !== undefined) return String(given);
      const fifo = String(resource.property('FifoQueue')) === 'true';
      return fifo ? `${generatedName(resource, 75)}.fifo` : generatedName(resource, 80);
    };
    const url = () => `${endpoints.sqsEndpoint}/${resource.stack.account}/${name()}`;
    return identity(url, { Arn: () => arn(resource, 'sqs', name()), QueueName: name, QueueUrl: url }, resource.logicalId);
  },
  'AWS::Kinesis::Stream': (resource) => {
    const name = () => nameFrom(resource, 'Name', 128);
    return identity(name, { Arn: () => arn(resource, 'kinesis', `stream/${name()}`) }, resource.logicalId);
  },
  'AWS::Lambda::Function': (resource) => {
    const name = () => nameFrom(resource, 'FunctionName', 64);
    return identity(name, { Arn: () => arn(resource, 'lambda', `function:${name()}`) }, resource.logicalId);
  },
  'AWS::SecretsManager::Secret': (resource, endpoints) => {
    const secretArn = assignedValue(endpoints, resource, 'Arn');
    return identity(secretArn, { Id: secretArn }, resource.logicalId);
  },
  'AWS::SSM::Parameter': (resource) =>
    identity(() => nameFrom(resource, 'Name', 1024), {
      Type: () => resource.property('Type'),
      Value: () => resource.property('Value'),
    }, resource.logicalId),
  'AWS::ApiGatewayV2::Api': (resource, endpoints) => {
    const apiId = () => localApiId(resource.stack.name, resource.logicalId);
    return identity(apiId, {
      ApiId: apiId,
      ApiEndpoint: () => endpoints.apiEndpoint(resource.stack.name, resource.logicalId),
    }, resource.logicalId);
  },
  'AWS::ApiGateway::RestApi': (resource) => {
    const apiId = () => localApiId(resource.stack.name, resource.logicalId);
    return identity(apiId, { RestApiId: apiId, RootResourceId: () => shortId(`${resource.stack.name}/${resource.logicalId}/`, 10) }, resource.logicalId);
  },
  'AWS::ApiGateway::Resource': restApiPart('ResourceId'),
  'AWS::ApiGateway::Deployment': restApiPart('DeploymentId'),
  'AWS::ApiGateway::Authorizer': restApiPart('AuthorizerId'),
  'AWS::ApiGateway::Stage': (resource) => identity(() => resource.property('StageName'), {}, resource.logicalId),
  'AWS::Lambda::Url': (resource, endpoints) => {
    const functionArn = () => resource.property('TargetFunctionArn');
    return identity(functionArn, {
      FunctionArn: functionArn,
      FunctionUrl: () => `${endpoints.apiEndpoint(resource.stack.name, resource.logicalId)}/`,
    }, resource.logicalId);
  },
  'AWS::IAM::Role': (resource) => {
    const name = () => nameFrom(resource, 'RoleName', 64);
    return identity(name, {
      Arn: () => arn(resource, 'iam', `role/${name()}`, true),
      RoleId: () => shortId(name(), 21).toUpperCase(),
    }, resource.logicalId);
  },
  'AWS::Logs::LogGroup': (resource) => {
    const name = () => nameFrom(resource, 'LogGroupName', 512);
    return identity(name, { Arn: () => arn(resource, 'logs', `log-group:${name()}:*`) }, resource.logicalId);
  },
  'AWS::SNS::Topic': (resource) => {
    const name = () => nameFrom(resource, 'TopicName', 256);
    const topicArn = () => arn(resource, 'sns', name());
    return identity(topicArn, { TopicArn: topicArn, TopicName: name }, resource.logicalId);
  },
  'AWS::SNS::Subscription': (resource) => {
    const subscriptionArn = () => `${String(resource.property('TopicArn'))}:${shortId(`${resource.stack.name}/${resource.logicalId}`, 36)}`;
    return identity(subscriptionArn, { Arn: subscriptionArn }, resource.logicalId);
  },
  'AWS::Events::EventBus': (resource) => {
    const name = () => nameFrom(resource, 'Name', 256);
    return identity(name, { Arn: () => arn(resource, 'events', `event-bus/${name()}`), Name: name }, resource.logicalId);
  },
  'AWS::Events::Rule': (resource) => {
    const name = () => nameFrom(resource, 'Name', 64);
    // A rule on a custom bus is `<bus>|<rule>` for Ref and `rule/<bus>/<rule>` in its ARN.
    const bus = () => busNameOf(resource.property('EventBusName'));
    return identity(() => (bus() === 'default' ? name() : `${bus()}|${name()}`), {
      Arn: () => arn(resource, 'events', bus() === 'default' ? `rule/${name()}` : `rule/${bus()}/${name()}`),
    }, resource.logicalId);
  },
  'AWS::Scheduler::Schedule': (resource) => {
    const name = () => nameFrom(resource, 'Name', 64);
    const group = () => String(resource.property('GroupName') ?? 'default');
    return identity(name, { Arn: () => arn(resource, 'scheduler', `schedule/${group()}/${name()}`) }, resource.logicalId);
  },
  'AWS::Scheduler::ScheduleGroup': (resource) => {
    const name = () => nameFrom(resource, 'Name', 64);
    return identity(name, { Arn: () => arn(resource, 'scheduler', `schedule-group/${name()}`) }, resource.logicalId);
  },
  'AWS::IAM::ManagedPolicy': (resource) => {
    const policyArn = () => arn(resource, 'iam', `policy${String(resource.property('Path') ?? '/')}${nameFrom(resource, 'ManagedPolicyName', 128)}`, true);
    return identity(policyArn, { PolicyArn: policyArn }, resource.logicalId);
  },
};

/** `EventBusName` may be a bus's name or ARN; none is the default bus. */
export const busNameOf = (value: unknown): string => (value === undefined ? 'default' : String(value).split('/').pop()!);

/** Any other type: a stable generated name for `Ref`, an ARN-shaped `Arn`, and nothing else. */
const anyOther: IdentityFactory = (resource) => {
  const [, service = 'unknown', kind = 'resource'] = resource.resource.Type.split('::');
  const name = () => shortId(`${resource.stack.name}/${resource.logicalId}`);
  return identity(name, {
    Arn: () => arn(resource, service.toLowerCase(), `${kind.toLowerCase()}/${name()}`),
  }, `${resource.logicalId} (${resource.resource.Type})`);
};

export const localIdentities =
  (endpoints: LocalEndpoints): IdentityOf =>
  (resource) =>
    (factories[resource.resource.Type] ?? anyOther)(resource, endpoints);
