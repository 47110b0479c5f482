import type { AppModel, TableSpec } from '../assembly/app-model';
import type { SecretsManagerState } from '../emulators/secrets-manager';
import { LocalIam } from '../iam/local-iam';
import type { ResourceDirectory, TableKeys } from '../iam/permissions/resource-directory';
import { ShardIterators } from '../iam/permissions/shard-iterators';
import type { ServiceEndpoints } from '../lambda/environment-variables';
import type { FunctionUrlAuthorizationRequest } from '../gateway/function-url-server';
import type { InvokePermissionRequest } from '../gateway/invoke-permission';
import { answerSts } from '../services/sts';
import { accountOfArn, Callers } from './callers';
import { FrontDoor } from './front-door';
import type { Backend } from './forward';
import type { FrontDoorStage, ServiceAnswer, ServiceCall } from './service-call';
import { authorize, identifyCaller, identifyPermissions, routeOrRefuse, trackQueuePolicies, trackShardIterators } from './stages';

export interface LocalAwsOptions {
  /** The front door's port; 0 or absent for any free port. */
  readonly port?: number;
  readonly region: string;
  readonly accountId: string;
  /** Enforce IAM. @default true */
  readonly iam: boolean;
  /** Stages run after authorization, before forwarding (fault injection, observation): see `FrontDoorStage`. */
  readonly hooks?: readonly FrontDoorStage[];
  readonly onWarning: (message: string) => void;
}

type KeySchema = { AttributeName: string; KeyType: string }[];
const partitionKeyOf = (schema: unknown) => (schema as KeySchema | undefined)?.find((key) => key.KeyType === 'HASH')?.AttributeName;

const tableKeys = (table: TableSpec): TableKeys => {
  const indexes = [table.create.GlobalSecondaryIndexes, table.create.LocalSecondaryIndexes].flatMap(
    (list) => (list as { IndexName: string; KeySchema: unknown }[] | undefined) ?? [],
  );
  return {
    partitionKey: partitionKeyOf(table.create.KeySchema) ?? '',
    indexPartitionKeys: new Map(indexes.map((index) => [index.IndexName, partitionKeyOf(index.KeySchema) ?? ''])),
  };
};

/**
 * The AWS that functions reach: the front door and what stands behind it, i.e. who holds which
 * credentials, IAM, the emulators and the services the runtime answers itself.
 */
export class LocalAws {
  readonly callers: Callers;
  readonly iam: LocalIam;
  private readonly backends = new Map<string, Backend>();
  private readonly tables = new Map<string, TableKeys>();
  private readonly iterators = new ShardIterators();
  private secrets: () => SecretsManagerState | undefined = () => undefined;
  private readonly directory: ResourceDirectory;
  private readonly stages: readonly FrontDoorStage[];
  private readonly onWarning: (message: string) => void;

  private constructor(
    options: LocalAwsOptions,
    readonly frontDoor: FrontDoor,
    callers: Callers,
    iam: LocalIam,
  ) {
    this.callers = callers;
    this.iam = iam;
    this.onWarning = options.onWarning;
    this.directory = {
      accountId: options.accountId,
      tableKeys: (name) => this.tables.get(name),
      secretArn: (id) => this.secrets()?.arnOf(id),
      streamOfIterator: (iterator) => this.iterators.streamOf(iterator),
    };
    this.backends.set('sts', { handle: answerSts });
    this.stages = [
      identifyCaller(callers),
      routeOrRefuse(() => this.backends, options.onWarning),
      identifyPermissions(() => this.directory),
      authorize(iam, options.onWarning),
      trackQueuePolicies(iam),
      trackShardIterators(this.iterators),
      ...(options.hooks ?? []),
    ];
  }

  static async start(options: LocalAwsOptions): Promise<LocalAws> {
    const callers = new Callers(options.accountId);
    const iam = new LocalIam(options.iam, options.accountId);
    const created: { local?: LocalAws } = {};
    const frontDoor = await FrontDoor.listen({
      port: options.port ?? 0,
      region: options.region,
      stages: () => created.local!.stages,
      backends: () => created.local!.backends,
      onError: options.onWarning,
    });
    created.local = new LocalAws(options, frontDoor, callers, iam);
    return created.local;
  }

  get url(): string {
    return this.frontDoor.url;
  }


  /**
   * The emulators that answer DynamoDB, DynamoDB Streams, SQS, Kinesis and Secrets Manager calls:
   * where they listen, and `ready`, which starts one that does not run yet (a call holds until it serves).
   */
  useEmulators(emulators: {
    endpoints: ServiceEndpoints;
    secrets: () => SecretsManagerState | undefined;
    ready?: (emulator: keyof ServiceEndpoints) => Promise<void>;
  }): void {
    const { endpoints, ready } = emulators;
    const backend = (emulator: keyof ServiceEndpoints) => ({ endpoint: endpoints[emulator], ready: ready && (() => ready(emulator)) });
    this.backends.set('dynamodb', backend('dynamodb'));
    this.backends.set('dynamodb-streams', backend('dynamodb'));
    this.backends.set('sqs', backend('sqs'));
    this.backends.set('kinesis', backend('kinesis'));
    this.backends.set('secretsmanager', backend('secretsManager'));
    this.secrets = emulators.secrets;
  }

  /** A service the runtime answers itself (SNS, EventBridge, Lambda). */
  serve(service: string, handle: (call: ServiceCall) => Promise<ServiceAnswer>): void {
    this.backends.set(service, { handle });
  }

  /** Takes the app as deployed: the functions' credentials, IAM's policies, the tables' keys. */
  update(model: AppModel): void {
    this.callers.update(model.functions);
    this.iam.update(model.iam);
    this.tables.clear();
    for (const table of model.tables) this.tables.set(table.name, tableKeys(table));
  }

  /**
   * An `AWS_IAM` function URL's question (from 11b's server, whose SigV4 check named the signer): may the
   * signer invoke the function? A denial is logged with the grant it misses.
   */
  async authorizeFunctionUrl(request: FunctionUrlAuthorizationRequest): Promise<'allow' | 'deny'> {
    const decision = await this.iam.authorize({
      principalArn: request.principalArn,
      action: request.action,
      resource: request.functionArn,
      context: { 'lambda:FunctionUrlAuthType': 'AWS_IAM', 'lambda:InvokedViaFunctionUrl': 'true' },
    });
    if (decision.allowed) return 'allow';
    this.onWarning(`IAM denied ${request.principalArn} ${request.action} on the function URL of ${request.functionArn}: ${decision.explanation}`);
    return 'deny';
  }

  /**
   * API Gateway's question before it invokes an integration's or an authorizer's function: the
   * function's policy must allow `apigateway.amazonaws.com` from the route or authorizer (or the
   * integration's role must allow it). A refusal is logged with what to grant.
   */
  async authorizeApiGateway({ functionArn, sourceArn, credentialsArn, what }: InvokePermissionRequest): Promise<boolean> {
    const decision = await this.iam.authorize({
      principalArn: credentialsArn ?? 'apigateway.amazonaws.com',
      action: 'lambda:InvokeFunction',
      resource: functionArn,
      context: { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': accountOfArn(sourceArn) },
    });
    if (decision.allowed) return true;
    this.onWarning(
      `IAM denied API Gateway (${what}) lambda:InvokeFunction on ${functionArn}: ${decision.explanation}; ` +
        'on AWS the request fails with a 500 ("Invalid permissions on Lambda function")',
    );
    return false;
  }

  close(): Promise<void> {
    return this.frontDoor.close();
  }
}
