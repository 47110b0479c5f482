import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppDeployment, type DeploymentResult } from './app-deployment';
import type { AppModel, FunctionSpec } from './assembly/app-model';
import { type RunningEmulators, startEmulators } from './emulators/start-emulators';
import { bundleBootstrap } from './lambda/bootstrap-bundle';
import type { FunctionUrlAuthorizer } from './gateway/function-url-server';
import type { CredentialLookup } from './gateway/sigv4';
import { environmentVariables, localCredentials, type ServiceEndpoints } from './lambda/environment-variables';
import type { InvocationReport } from './lambda/execution-environment';
import { FunctionRegistry } from './lambda/function-registry';
import { LambdaRuntimes } from './lambda/lambda-runtimes';
import { type RuntimeLog, silentLog } from './logs/runtime-log';
import { AwsClients } from './provision/aws-clients';
import { writeFastNpx } from './fast-npx';
import { synthesize } from './synth';

export interface LocalRuntimeOptions {
  /** The CDK project: where cdk.json is. @default process.cwd() */
  readonly projectDirectory?: string;
  /** The command that runs the CDK app. @default the `app` of cdk.json */
  readonly app?: string;
  /** Context for the app, on top of cdk.json's (`-c key=value`). */
  readonly context?: Record<string, unknown>;
  /** Port of the (first) HTTP API; 0 for any free port. @default 3000 */
  readonly port?: number;
  /** @default a silent log */
  readonly log?: RuntimeLog;
  /** Most execution environments per function at once. @default 4 */
  readonly maxEnvironmentsPerFunction?: number;
  /** @default us-east-1 */
  readonly region?: string;
  /**
   * A cloud assembly synthesized already (a `cdk.out` directory): it runs as it is, and the app is not
   * synthesized; `reload()` reads the directory again.
   */
  readonly assembly?: string;
  /** Start the event source mappings' pollers. Without them, messages and records wait unread. @default true */
  readonly eventSources?: boolean;
  /**
   * Where the functions and the runtime reach the emulators, given where the emulators listen: for a
   * proxy that watches the traffic (the benchmarks count requests per order with one).
   */
  readonly emulatorEndpoints?: (listening: ServiceEndpoints) => Promise<ServiceEndpoints>;
  /** Called after every invocation that reached a handler, with its duration and memory, as Lambda's REPORT line. */
  readonly onInvocation?: (fn: FunctionSpec, report: InvocationReport) => void;
  /**
   * `AWS_IAM` function URLs: the access keys whose SigV4 signatures are accepted (default: the local
   * credentials the functions get), and the decision on a correctly signed request (default: allow).
   */
  readonly functionUrlAuth?: { readonly credentials?: CredentialLookup; readonly authorize?: FunctionUrlAuthorizer };
}

export interface LocalRuntime {
  /**
   * The first API's base URL: an HTTP API's `http://localhost:3000`, or a REST API's first stage,
   * `http://localhost:3000/prod` (empty when the app has no API).
   */
  readonly url: string;
  readonly endpoints: ServiceEndpoints;
  readonly region: string;
  /** What runs now: functions, routes, resources, warnings. */
  readonly model: AppModel;
  /** Synthesizes the app again and applies the changes, keeping data and unchanged warm functions. */
  reload(): Promise<DeploymentResult>;
  /** Stops everything this runtime started: no process is left behind. */
  stop(): Promise<void>;
}

/** Every emulator's resources live in this one account (the one the SQS emulator uses). */
export const localAccountId = '000000000000';
const accountId = localAccountId;

/** Who signs with the local credentials (the functions' own, until IAM gives each its role). */
const localSigners =
  (accountId: string): CredentialLookup =>
  (accessKeyId) =>
    accessKeyId === localCredentials.accessKeyId
      ? { secretAccessKey: localCredentials.secretAccessKey, principalArn: `arn:aws:iam::${accountId}:user/local` }
      : undefined;

const firstApiUrl = (model: AppModel, deployment: AppDeployment) => {
  const [httpApi] = model.apis;
  if (httpApi) return deployment.apiUrl(httpApi.key);
  const [restApi] = model.restApis;
  const [stage] = restApi?.stages ?? [];
  return restApi && stage ? `${restApi.url}/${stage.name}` : '';
};

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/**
 * Runs a CDK app on this machine: synthesizes it, starts the emulators, creates the app's resources,
 * runs its functions and serves its HTTP APIs, as described in docs/local-runtime.md.
 */
export const startLocalRuntime = async (options: LocalRuntimeOptions = {}): Promise<LocalRuntime> => {
  const started = Date.now();
  const log = options.log ?? silentLog;
  const region = options.region ?? 'us-east-1';
  const projectDirectory = options.projectDirectory ?? process.cwd();
  const workDirectory = await mkdtemp(join(tmpdir(), 'local-runtime-'));
  // Functions declare nodejs22.x and run on this machine's Node; the SDK's warning about older Nodes says nothing about Lambda.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

  // Always the same directory: bundles (and so asset hashes) depend on it, and unchanged hashes keep functions warm.
  const outDirectory = join(workDirectory, 'cdk.out');
  const binDirectory = writeFastNpx(join(workDirectory, 'bin'), projectDirectory);
  const synth = async () => {
    if (options.assembly) return { outDirectory: options.assembly, command: `the cloud assembly at ${options.assembly}` };
    const { command } = await synthesize({
      projectDirectory,
      outDirectory,
      app: options.app,
      context: options.context,
      region,
      account: accountId,
      binDirectory,
    });
    return { outDirectory, command };
  };

  // The emulators start before the functions exist; rotations run once both do.
  const late: { functions?: FunctionRegistry } = {};
  log.info('Synthesizing the CDK app and starting the emulators...');
  const [synthResult, emulatorsResult, bootstrapResult] = await Promise.allSettled([
    synth(),
    startEmulators({
      region,
      accountId,
      invokeRotation: async (lambdaArn, event) => {
        const { outcome } = await late.functions!.invoke(lambdaArn, event);
        if (!outcome.ok) throw new Error(`Rotation function failed at ${event.Step}: ${outcome.error.errorType}: ${outcome.error.errorMessage}`);
      },
    }).then((emulators) => ({ emulators, ready: Date.now() })),
    bundleBootstrap(workDirectory),
  ]);
  const cleanUp = async (emulators?: RunningEmulators) => {
    await emulators?.stop();
    await rm(workDirectory, { recursive: true, force: true });
  };
  if (synthResult.status === 'rejected' || emulatorsResult.status === 'rejected' || bootstrapResult.status === 'rejected') {
    await cleanUp(emulatorsResult.status === 'fulfilled' ? emulatorsResult.value.emulators : undefined);
    throw [synthResult, emulatorsResult, bootstrapResult].find((result) => result.status === 'rejected')!.reason;
  }
  const listening = emulatorsResult.value.emulators;
  log.info(`  ${options.assembly ? 'read' : 'synthesized'} (${synthResult.value.command}) and emulators ready in ${seconds(started)}`);
  let emulators = listening;
  try {
    if (options.emulatorEndpoints) emulators = { ...listening, endpoints: await options.emulatorEndpoints(listening.endpoints) };
  } catch (error) {
    await cleanUp(listening);
    throw error;
  }

  const clients = new AwsClients(emulators.endpoints);
  const runtimes = new LambdaRuntimes(log);
  const functions = new FunctionRegistry({
    bootstrapFile: bootstrapResult.value,
    maxEnvironments: options.maxEnvironmentsPerFunction ?? 4,
    runtimeOf: (fn) => runtimes.runtimeOf(fn),
    environmentVariables: (fn, runtime) => environmentVariables(fn, emulators.endpoints, workDirectory, runtime),
    onLog: (fn, line) => log.functionLine(fn, line),
    onInvocation: options.onInvocation,
  });
  late.functions = functions;
  const deployment = new AppDeployment(
    {
      region,
      accountId,
      port: options.port ?? 3000,
      workDirectory,
      eventSources: options.eventSources ?? true,
      functionUrlAuth: {
        credentials: options.functionUrlAuth?.credentials ?? localSigners(accountId),
        authorize: options.functionUrlAuth?.authorize ?? (() => 'allow'),
      },
    },
    emulators,
    clients,
    functions,
    log,
    runtimes,
  );
  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= (async () => {
      await deployment.stop();
      await functions.stop();
      clients.destroy();
      await cleanUp(emulators);
    })());

  let current: DeploymentResult;
  try {
    const deployStarted = Date.now();
    current = await deployment.deploy(synthResult.value.outDirectory);
    log.info(`  deployed in ${seconds(deployStarted)}`);
  } catch (error) {
    await stopAll();
    throw error;
  }

  let reloading: Promise<DeploymentResult> | undefined;
  const reload = async () => {
    const { outDirectory } = await synth();
    current = await deployment.deploy(outDirectory);
    return current;
  };

  return {
    url: firstApiUrl(current.model, deployment),
    endpoints: emulators.endpoints,
    region,
    get model() {
      return current.model;
    },
    reload: () => {
      // One reload at a time: a change during a reload gets the next one.
      const next = (reloading ?? Promise.resolve()).catch(() => undefined).then(reload);
      reloading = next;
      return next;
    },
    stop: stopAll,
  };
};
