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
      readonly name: string;
      readonly identitySource: string[];
      readonly functionArn: string;
      readonly simpleResponses: boolean;
      readonly resultTtlSeconds: number;
    };

export interface IntegrationSpec {
  readonly functionArn: string;
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
  readonly eventSourceMappings: EventSourceMappingSpec[];
  readonly iam: IamSpec;
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
