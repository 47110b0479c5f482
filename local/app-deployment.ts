import { join } from 'node:path';
import type { AppModel, EventSourceMappingSpec } from './assembly/app-model';
import { readCloudAssembly, type CloudAssembly } from './assembly/cloud-assembly';
import { type DataResources, describeApp } from './assembly/describe-app';
import { describeDataResources } from './assembly/describe-data-resources';
import { TemplateResolver } from './assembly/intrinsics';
import { apiTypes, localizeApiUrls } from './assembly/local-api-urls';
import { localIdentities } from './assembly/local-identities';
import { freePort } from './emulators/free-port';
import type { EmulatorName, Emulators } from './emulators/start-emulators';
import { dynamoDbStreamSource } from './event-sources/dynamodb-stream-source';
import { kinesisSource } from './event-sources/kinesis-source';
import { type DuplicateDeliveries, SqsPoller } from './event-sources/sqs-poller';
import { StreamPoller } from './event-sources/stream-poller';
import type { LocalAws } from './front-door/local-aws';
import { type FunctionUrlAuthorizer, FunctionUrlServer } from './gateway/function-url-server';
import { HttpApiServer } from './gateway/http-api-server';
import type { InvokePermissionRequest } from './gateway/invoke-permission';
import { RestApiServer } from './gateway/rest-api-server';
import type { CredentialLookup } from './gateway/sigv4';
import { missingPollerPermissions } from './iam/event-source-permissions';
import type { FunctionRegistry } from './lambda/function-registry';
import type { LambdaRuntimes } from './lambda/lambda-runtimes';
import type { RuntimeLog } from './logs/runtime-log';
import { type AwsClients, regionOfArn } from './provision/aws-clients';
import { provision } from './provision/provision';

export interface DeploymentSettings {
  readonly region: string;
  readonly accountId: string;
  /** The first HTTP API's port; 0 for any free port. */
  readonly port: number;
  readonly workDirectory: string;
  /** Run the event source mappings' pollers; without them, queues and streams fill and nothing reads them. */
  readonly eventSources: boolean;
  /** How `AWS_IAM` function URLs know signers and decide their requests. */
  readonly functionUrlAuth: { readonly credentials: CredentialLookup; readonly authorize: FunctionUrlAuthorizer };
  /** Fault injection: SQS messages the pollers also hand to a second invocation. */
  readonly duplicateDeliveries?: DuplicateDeliveries;
}

export interface DeploymentResult {
  readonly model: AppModel;
  readonly changedFunctions: string[];
  readonly createdSecrets: string[];
}

/** The emulators an app's resources live in. */
export const emulatorsFor = (data: Pick<DataResources, 'tables' | 'queues' | 'streams' | 'secrets'>): EmulatorName[] => [
  ...(data.tables.length > 0 ? (['dynamodb'] as const) : []),
  ...(data.queues.length > 0 ? (['sqs'] as const) : []),
  ...(data.streams.length > 0 ? (['kinesis'] as const) : []),
  ...(data.secrets.length > 0 ? (['secretsManager'] as const) : []),
];

const count = (items: readonly unknown[], noun: string) => `${items.length} ${noun}${items.length === 1 ? '' : 's'}`;

interface Poller {
  stop(): Promise<void>;
}

/** A local endpoint: an HTTP API, a REST API or a function URL, on its own port. */
interface EndpointServer {
  update(spec: unknown): void;
  close(): Promise<void>;
}


/**
 * Puts a synthesized app into the running emulators, the way CloudFormation deploys it: creates what
 * is missing, runs the rotation of each new secret once, serves the HTTP APIs and starts the event
 * source mappings. Deploying again (a reload) updates in place and keeps data, warm unchanged
 * functions and stream positions.
 */
export class AppDeployment {
  private readonly assigned = new Map<string, string>();
  private readonly apiPorts = new Map<string, number>();
  private readonly servers = new Map<string, EndpointServer>();
  /** Where each stream poller stands, by shard: kept across reloads (and restarts, with kept data). */
  readonly checkpoints = new Map<string, string>();
  private pollers: Poller[] = [];
  private generation = 0;

  constructor(
    private readonly settings: DeploymentSettings,
    private readonly emulators: Emulators,
    private readonly clients: AwsClients,
    private readonly functions: FunctionRegistry,
    private readonly localAws: LocalAws,
    private readonly log: RuntimeLog,
    private readonly runtimes: LambdaRuntimes,
  ) {}

  apiUrl(key: string): string {
    return `http://localhost:${this.apiPorts.get(key)}`;
  }

  async deploy(cloudAssemblyDirectory: string): Promise<DeploymentResult> {
    const assembly = readCloudAssembly(cloudAssemblyDirectory, { region: this.settings.region, account: this.settings.accountId });
    await this.assignPorts(assembly);
    const resolver = new TemplateResolver(
      assembly.stacks,
      localIdentities({
        sqsEndpoint: this.localAws.url,
        apiEndpoint: (stack, logicalId) => this.apiUrl(`${stack}/${logicalId}`),
        assigned: this.assigned,
      }),
      localizeApiUrls(assembly.stacks, (key) => this.apiUrl(key)),
    );
    const warnings: string[] = [];
    const data = describeDataResources(resolver, warnings);
    const { createdSecrets, tableStreams } = await provision(
      data,
      this.clients,
      { ready: (name) => this.emulators.ensure(name), secrets: () => this.emulators.secrets },
      this.assigned,
    );
    this.log.info(
      `  ${count(assembly.stacks, 'stack')}: ${count(data.tables, 'table')}, ${count(data.queues, 'queue')}, ` +
        `${count(data.streams, 'stream')}, ${count(data.secrets, 'secret')} in the emulators`,
    );
    const inlineCode = join(this.settings.workDirectory, 'inline-code', String(++this.generation));
    const model = describeApp(resolver, assembly, data, inlineCode, tableStreams, warnings, (key) => this.apiUrl(key));
    this.localAws.update(model);
    warnings.push(...(await this.iamWarnings()));
    await this.runtimes.prepare(model.functions, warnings);
    const changedFunctions = this.functions.update(model.functions);
    this.log.info(`  ${count(model.functions, 'function')} ready to run`);
    await this.rotateNewSecrets(model, createdSecrets);
    await this.serve(model);
    const routes = model.apis.flatMap((api) => api.routes);
    if (model.apis.length > 0 || model.restApis.length + model.functionUrls.length === 0) {
      this.log.info(`  ${count(model.apis, 'HTTP API')} with ${count(routes, 'route')} served on ${model.apis.map((api) => api.url).join(', ') || '-'}`);
    }
    if (model.restApis.length > 0) {
      const stages = model.restApis.flatMap((api) => api.stages.map((stage) => `${api.url}/${stage.name}`));
      this.log.info(`  ${count(model.restApis, 'REST API')} served on ${stages.join(', ') || '- (no stage)'}`);
    }
    if (model.functionUrls.length > 0) this.log.info(`  ${count(model.functionUrls, 'function URL')} served on ${model.functionUrls.map((url) => url.url).join(', ')}`);
    if (this.settings.eventSources) {
      await this.restartPollers(model.eventSourceMappings);
      this.log.info(`  ${count(model.eventSourceMappings, 'event source mapping')} polling`);
    } else this.log.info(`  ${count(model.eventSourceMappings, 'event source mapping')} not started (eventSources: false)`);
    return { model, changedFunctions, createdSecrets };
  }

  private async iamWarnings(): Promise<string[]> {
    const { iam } = this.localAws;
    if (!iam.enabled) return [];
    return [
      ...iam.unknownManagedPolicies.map((arn) => `IAM: the managed policy ${arn} is not known locally and grants nothing here`),
      ...(await iam.validate()).map((problem) => `IAM: ${problem}`),
    ];
  }

  async stop(): Promise<void> {
    await Promise.all(this.pollers.map((poller) => poller.stop()));
    await Promise.all([...this.servers.values()].map((server) => server.close()));
  }

  /** Each API and function URL keeps its port across reloads; the first API (HTTP APIs first) gets the configured port. */
  private async assignPorts(assembly: CloudAssembly) {
    for (const type of [...apiTypes, 'AWS::Lambda::Url']) {
      for (const stack of assembly.stacks) {
        for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
          const key = `${stack.name}/${logicalId}`;
          if (resource.Type !== type || this.apiPorts.has(key)) continue;
          const first = this.apiPorts.size === 0 && this.settings.port !== 0 && apiTypes.includes(type);
          this.apiPorts.set(key, first ? this.settings.port : await freePort());
        }
      }
    }
  }

  /** Secrets Manager rotates a secret with a rotation schedule once when the schedule is created. */
  private async rotateNewSecrets(model: AppModel, createdSecrets: string[]) {
    const createdArns = new Set(createdSecrets.map((key) => this.assigned.get(`${key}.Arn`)));
    for (const rotation of model.rotations.filter((candidate) => createdArns.has(candidate.secretArn))) {
      this.log.info(`  rotating ${rotation.secretArn} once, as Secrets Manager does when a rotation schedule is created`);
      await this.emulators.secrets!.RotateSecret({
        SecretId: rotation.secretArn,
        RotationLambdaARN: rotation.rotationLambdaArn,
        RotationRules: rotation.rotationRules,
      });
    }
  }

  /** Starts a server for each new API or function URL, updates the others, and closes the ones gone. */
  private async serve(model: AppModel) {
    const gateway = {
      region: this.settings.region,
      accountId: this.settings.accountId,
      invoker: this.functions,
      mayInvoke: (request: InvokePermissionRequest) => this.localAws.authorizeApiGateway(request),
      onAccess: (api: { name: string }, entry: Parameters<RuntimeLog['access']>[1]) => this.log.access(api, entry),
    };
    const endpoints: { key: string; spec: unknown; listen: (port: number) => Promise<EndpointServer> }[] = [
      ...model.apis.map((api) => ({ key: api.key, spec: api, listen: (port: number) => HttpApiServer.listen(api, port, gateway) })),
      ...model.restApis.map((api) => ({ key: api.key, spec: api, listen: (port: number) => RestApiServer.listen(api, port, gateway) })),
      ...model.functionUrls.map((url) => ({
        key: url.key,
        spec: url,
        listen: (port: number) => FunctionUrlServer.listen(url, port, { ...gateway, ...this.settings.functionUrlAuth }),
      })),
    ];
    for (const [key, server] of this.servers) {
      if (endpoints.some((endpoint) => endpoint.key === key)) continue;
      await server.close();
      this.servers.delete(key);
    }
    for (const { key, spec, listen } of endpoints) {
      const running = this.servers.get(key);
      if (running) {
        running.update(spec);
        continue;
      }
      const port = this.apiPorts.get(key)!;
      const server = await listen(port).catch((error: NodeJS.ErrnoException) => {
        throw error.code === 'EADDRINUSE' ? new Error(`Port ${port} is in use: stop what uses it, or set PORT to another port`, { cause: error }) : error;
      });
      this.servers.set(key, server);
    }
  }

  private async restartPollers(mappings: EventSourceMappingSpec[]) {
    await Promise.all(this.pollers.splice(0).map((poller) => poller.stop()));
    const onError = (message: string) => this.log.warn(message);
    for (const mapping of mappings) {
      const fn = this.functions.functions.find((candidate) => candidate.arn === mapping.functionArn || candidate.name === mapping.functionArn);
      if (!fn) {
        this.log.warn(`${mapping.key}: its function ${mapping.functionArn} does not run locally`);
        continue;
      }
      const missing = await missingPollerPermissions(this.localAws.iam, fn, mapping);
      if (missing.length > 0) {
        this.log.warn(`${mapping.key} is not started: Lambda would refuse to create it, as ${fn.displayName}'s role ${fn.roleArn} lacks ${missing.join(', ')}`);
        continue;
      }
      const { source } = mapping;
      if (source.kind === 'sqs') {
        const region = regionOfArn(source.queue.arn);
        const poller = new SqsPoller({ ...mapping, source }, this.clients.for(region).sqs, this.functions, region, onError, this.settings.duplicateDeliveries);
        poller.start();
        this.pollers.push(poller);
        continue;
      }
      const region = regionOfArn(source.kind === 'kinesis' ? source.stream.arn : source.table.arn);
      const context = {
        sqs: this.clients.for(mapping.onFailure ? regionOfArn(mapping.onFailure.arn) : region).sqs,
        invoker: this.functions,
        checkpoints: this.checkpoints,
        onError,
      };
      const poller =
        source.kind === 'kinesis'
          ? new StreamPoller(mapping, source.stream.arn, kinesisSource(this.clients.for(region).kinesis, source.stream, { region, executionRoleArn: fn.roleArn }), context)
          : new StreamPoller(mapping, source.streamArn, dynamoDbStreamSource(this.clients.for(region).dynamodbStreams, source.streamArn, region), context);
      await poller.start();
      this.pollers.push(poller);
    }
  }
}
