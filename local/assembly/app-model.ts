/** The parts of a synthesized app that the local runtime runs, with every value resolved locally. */

export interface FunctionSpec {
  /** `Stack/LogicalId`: unique in the app. */
  readonly key: string;
  /** For people: the construct path, e.g. `UserService/Register`. */
  readonly displayName: string;
  readonly name: string;
  readonly arn: string;
  readonly codeDirectory: string;
  /** Identifies the code's content (the asset's hash), whichever synth wrote it. */
  readonly codeId: string;
  readonly handler: string;
  readonly runtime: string;
  readonly region: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly reservedConcurrency?: number;
  readonly logGroupName: string;
  /** The execution role's ARN: IAM is not enforced locally, but events name it. */
  readonly roleArn: string;
  /** `Text` or `JSON`, from the function's logging configuration. */
  readonly logFormat: string;
  readonly applicationLogLevel?: string;
}

export interface TableSpec {
  readonly key: string;
  readonly name: string;
  readonly arn: string;
  /** A DynamoDB CreateTable input. */
  readonly create: Record<string, unknown>;
  readonly timeToLiveAttribute?: string;
}

export interface QueueSpec {
  readonly key: string;
  readonly name: string;
  readonly arn: string;
  readonly url: string;
  /** SQS queue attributes, as CreateQueue takes them (strings). */
  readonly attributes: Record<string, string>;
}

export interface StreamSpec {
  readonly key: string;
  readonly name: string;
  readonly arn: string;
  readonly shardCount: number;
  readonly retentionHours?: number;
}

export interface SecretSpec {
  readonly key: string;
  readonly name: string;
  readonly description?: string;
  readonly secretString?: string;
  readonly generate?: Record<string, unknown>;
}

export interface RotationSpec {
  readonly key: string;
  readonly secretArn: string;
  readonly rotationLambdaArn: string;
  readonly rotationRules?: unknown;
}

export interface CorsSpec {
  readonly allowOrigins: string[];
  readonly allowMethods: string[];
  readonly allowHeaders: string[];
  readonly exposeHeaders: string[];
  readonly allowCredentials: boolean;
  readonly maxAge?: number;
}

export type AuthorizerSpec =
  | {
      readonly type: 'JWT';
      readonly name: string;
      readonly identitySource: string[];
      readonly issuer: string;
      readonly audience: string[];
    }
  | {
      readonly type: 'REQUEST';
      /** The authorizer's id (its `Ref`): its function's permission names it in `aws:SourceArn`. */
      readonly id: string;
      readonly name: string;
      readonly identitySource: string[];
      readonly functionArn: string;
      /** The role API Gateway invokes the function as (`AuthorizerCredentialsArn`), instead of the function's own policy. */
      readonly credentialsArn?: string;
      readonly simpleResponses: boolean;
      readonly resultTtlSeconds: number;
    };

export interface IntegrationSpec {
  readonly functionArn: string;
  /** The role API Gateway invokes the function as (`CredentialsArn`), instead of the function's own policy. */
  readonly credentialsArn?: string;
  readonly payloadFormatVersion: string;
  readonly timeoutMs: number;
}

export interface RouteSpec {
  readonly routeKey: string;
  readonly authorizer?: AuthorizerSpec;
  readonly authorizationScopes: string[];
  /** Missing when the route targets something the runtime cannot run (reported at start-up). */
  readonly integration?: IntegrationSpec;
}

export interface HttpApiSpec {
  readonly key: string;
  readonly name: string;
  readonly apiId: string;
  readonly url: string;
  readonly cors?: CorsSpec;
  readonly routes: RouteSpec[];
}

/** A REST API's Lambda authorizer (TOKEN or REQUEST), as API Gateway's v1 API defines it. */
export interface RestAuthorizerSpec {
  readonly type: 'TOKEN' | 'REQUEST';
  /** The authorizer's id (its `Ref`): its function's permission names it in `aws:SourceArn`. */
  readonly id: string;
  readonly name: string;
  readonly functionArn: string;
  /** The role API Gateway invokes the function as (`AuthorizerCredentials`), instead of the function's own policy. */
  readonly credentialsArn?: string;
  /** `method.request.header.Authorization`, `method.request.querystring.key`, `stageVariables.x`, `context.y`. */
  readonly identitySource: string[];
  /** TOKEN only: a token that does not match is refused without calling the function. */
  readonly validationExpression?: string;
  readonly resultTtlSeconds: number;
}

export type RestIntegrationSpec =
  | { readonly type: 'AWS_PROXY'; readonly functionArn: string; readonly timeoutMs: number; readonly credentialsArn?: string }
  /** A MOCK integration with static response headers (the CORS preflights the CDK generates). */
  | { readonly type: 'MOCK'; readonly statusCode: number; readonly headers: Record<string, string> };

export interface RestMethodSpec {
  /** `GET`, ..., or `ANY`. */
  readonly httpMethod: string;
  readonly authorizer?: RestAuthorizerSpec;
  readonly integration: RestIntegrationSpec;
}

export interface RestResourceSpec {
  /** The resource's id, as its `Ref` gives it. */
  readonly id: string;
  /** `/`, `/notes`, `/notes/{id}`, `/files/{proxy+}`. */
  readonly path: string;
  readonly methods: RestMethodSpec[];
}

/** An API Gateway REST API (v1), served with each of its stages as a path prefix (`/prod/...`), as on AWS. */
export interface RestApiSpec {
  readonly key: string;
  readonly name: string;
  readonly apiId: string;
  /** Its local endpoint, without a stage: `http://localhost:<port>`. */
  readonly url: string;
  readonly stages: { readonly name: string; readonly variables: Record<string, string> }[];
  readonly binaryMediaTypes: string[];
  readonly resources: RestResourceSpec[];
}

/** A Lambda function URL. */
export interface FunctionUrlSpec {
  readonly key: string;
  readonly functionArn: string;
  readonly authType: 'NONE' | 'AWS_IAM';
  /** NONE: whether the function's resource policy lets anyone invoke it through its URL (else 403, as on AWS). */
  readonly publicAccess: boolean;
  /** Its local URL, `http://localhost:<port>/`. */
  readonly url: string;
  readonly urlId: string;
  readonly cors?: CorsSpec;
}

export interface EventSourceMappingSpec {
  readonly key: string;
  readonly functionArn: string;
  readonly source:
    | { readonly kind: 'sqs'; readonly queue: QueueSpec }
    | { readonly kind: 'kinesis'; readonly stream: StreamSpec }
    | { readonly kind: 'dynamodb'; readonly table: TableSpec; readonly streamArn: string };
  readonly enabled: boolean;
  readonly batchSize: number;
  readonly maximumBatchingWindowSeconds: number;
  readonly reportBatchItemFailures: boolean;
  readonly maximumConcurrency?: number;
  readonly startingPosition: 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP';
  readonly startingPositionTimestamp?: number;
  readonly bisectBatchOnFunctionError: boolean;
  /** -1: until the record expires. */
  readonly maximumRetryAttempts: number;
  /** -1: no limit besides the stream's retention. */
  readonly maximumRecordAgeSeconds: number;
  readonly onFailure?: QueueSpec;
}

export interface AppModel {
  readonly functions: FunctionSpec[];
  readonly tables: TableSpec[];
  readonly queues: QueueSpec[];
  readonly streams: StreamSpec[];
  readonly secrets: SecretSpec[];
  readonly rotations: RotationSpec[];
  readonly apis: HttpApiSpec[];
  readonly restApis: RestApiSpec[];
  readonly functionUrls: FunctionUrlSpec[];
  readonly eventSourceMappings: EventSourceMappingSpec[];
  readonly iam: IamSpec;
  /** SNS topics and subscriptions, EventBridge buses, rules and schedules, Lambda's asynchronous invocation settings. */
  readonly events: EventsSpec;
  /** Resource types in the templates that nothing here emulates, with how many of each. */
  readonly notEmulated: Map<string, number>;
  /** Parts that could not be set up locally, in words for the person running it. */
  readonly warnings: string[];
}

/** An IAM policy document, as a template gives it (resolved). */
export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: unknown;
}

export interface NamedPolicy {
  /** For people: the policy's name, or the resource that holds it. */
  readonly name: string;
  readonly document: PolicyDocument;
}

export interface RoleSpec {
  readonly key: string;
  readonly name: string;
  readonly arn: string;
  /** Inline policies: the role's own `Policies` and every `AWS::IAM::Policy` / `RolePolicy` attached to it. */
  readonly policies: NamedPolicy[];
  /** Managed policies by ARN: the app's own (`AWS::IAM::ManagedPolicy`) or AWS managed ones. */
  readonly managedPolicyArns: string[];
  readonly permissionsBoundaryArn?: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** Everything IAM evaluates locally: roles with their policies, and the policies attached to resources. */
export interface IamSpec {
  readonly roles: RoleSpec[];
  /** The app's own managed policies, by ARN. */
  readonly managedPolicies: ReadonlyMap<string, NamedPolicy>;
  /** Resource policies (queue, topic and secret policies, Lambda permissions), by the ARN of the resource they guard. */
  readonly resourcePolicies: ReadonlyMap<string, NamedPolicy[]>;
}

/** How Lambda retries an asynchronous invocation (`AWS::Lambda::EventInvokeConfig`, the function's `DeadLetterConfig`). */
export interface AsyncInvokeConfig {
  readonly functionArn: string;
  /** 0-2; Lambda's default is 2. */
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeSeconds: number;
  /** An SQS queue (or SNS topic) that takes events given up on: the on-failure destination, else the dead-letter queue. */
  readonly onFailureArn?: string;
  readonly onFailureKind?: 'destination' | 'dead-letter-queue';
}

export interface TopicSpec {
  readonly key: string;
  readonly name: string;
  readonly arn: string;
  readonly fifo: boolean;
}

export interface SubscriptionSpec {
  readonly key: string;
  readonly arn: string;
  readonly topicArn: string;
  /** `lambda` and `sqs` are delivered locally; others are named at start-up. */
  readonly protocol: string;
  readonly endpoint: string;
  readonly rawMessageDelivery: boolean;
  readonly filterPolicy?: Record<string, unknown>;
  readonly filterPolicyScope: 'MessageAttributes' | 'MessageBody';
  /** The subscription's dead-letter queue (its `RedrivePolicy`). */
  readonly deadLetterArn?: string;
}

export interface EventBusSpec {
  readonly key: string;
  readonly name: string;
  readonly arn: string;
}

/** Where an EventBridge rule or a schedule sends: a Lambda function or an SQS queue. */
export interface TargetSpec {
  readonly id: string;
  readonly arn: string;
  readonly kind: 'lambda' | 'sqs';
  /** The role the service assumes to call the target (a schedule's; a rule's target may name one). */
  readonly roleArn?: string;
  /** A constant input (JSON text), instead of the event. */
  readonly input?: string;
  /** A JSONPath (`$.detail`) selecting part of the event. */
  readonly inputPath?: string;
  readonly inputTransformer?: { readonly pathsMap: Record<string, string>; readonly template: string };
  readonly messageGroupId?: string;
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeSeconds: number;
  readonly deadLetterArn?: string;
}

export interface RuleSpec {
  readonly key: string;
  readonly name: string;
  readonly arn: string;
  readonly busName: string;
  readonly eventPattern?: Record<string, unknown>;
  readonly enabled: boolean;
  readonly targets: TargetSpec[];
}

/** A rule with `ScheduleExpression`, or an EventBridge Scheduler schedule. */
export interface ScheduleSpec {
  readonly key: string;
  /** For people: the rule's or schedule's name. */
  readonly name: string;
  readonly arn: string;
  readonly kind: 'rule' | 'scheduler';
  /** `rate(5 minutes)`, `cron(0 12 * * ? *)`, `at(2027-01-01T00:00:00)` */
  readonly expression: string;
  readonly enabled: boolean;
  /** Scheduler's flexible time window: fire at a random time up to this many minutes after the scheduled time. */
  readonly flexibleWindowMinutes: number;
  readonly startDate?: number;
  readonly endDate?: number;
  readonly targets: TargetSpec[];
}

export interface EventsSpec {
  readonly topics: TopicSpec[];
  readonly subscriptions: SubscriptionSpec[];
  readonly buses: EventBusSpec[];
  readonly rules: RuleSpec[];
  readonly schedules: ScheduleSpec[];
  readonly asyncInvokeConfigs: AsyncInvokeConfig[];
}
