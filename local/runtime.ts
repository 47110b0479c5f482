import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppDeployment, type DeploymentResult } from './app-deployment';
import { Chaos, type FaultCounts } from './chaos/chaos';
import { type ChaosSpec, parseChaosSpec } from './chaos/chaos-spec';
import type { AppModel, FunctionSpec } from './assembly/app-model';
import { type RunningEmulators, startEmulators } from './emulators/start-emulators';
import { bundleBootstrap } from './lambda/bootstrap-bundle';
import { EventServices } from './events/event-services';
import type { Fired } from './events/schedule-runner';
import { LocalAws } from './front-door/local-aws';
import type { FrontDoorStage } from './front-door/service-call';
import type { FunctionUrlAuthorizer } from './gateway/function-url-server';
import type { CredentialLookup } from './gateway/sigv4';
import type { AuthorizationDecision } from './iam/local-iam';
import { environmentVariables, type ServiceEndpoints } from './lambda/environment-variables';
import type { InvocationReport } from './lambda/execution-environment';
import { FunctionRegistry } from './lambda/function-registry';
import { LambdaRuntimes } from './lambda/lambda-runtimes';
import { queueSender } from './provision/queue-sender';
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
  /** Evaluate every AWS call of a function against its role's policies and the resource's policy. @default true */
  readonly iam?: boolean;
  /**
   * Stages the AWS front door runs for every call of a function after authorizing it, before forwarding
   * it: to inject faults or watch messages (see `FrontDoorStage` in local/front-door/service-call.ts).
   */
  readonly frontDoorHooks?: readonly FrontDoorStage[];
  /**
   * `AWS_IAM` function URLs: the access keys whose SigV4 signatures are accepted (default: each function's
   * own and the local operator's), and the decision on a correctly signed request (default: IAM's).
   */
  readonly functionUrlAuth?: { readonly credentials?: CredentialLookup; readonly authorize?: FunctionUrlAuthorizer };
  /**
   * Fault injection (`--chaos`): a spec such as `kill=0.02,throttle=0.05,slow=0.1:200ms,seed=7` (see
   * local/chaos/chaos-spec.ts), or one parsed already. Off by default; `runtime.chaos.set` changes it.
   */
  readonly chaos?: string | ChaosSpec;
}

/** Asks the runtime's IAM whether a caller (by principal ARN, or by the access key id it signed with) may do something. */
export interface AuthorizationQuestion {
  readonly principalArn?: string;
  readonly accessKeyId?: string;
  readonly action: string;
  readonly resource: string;
  readonly context?: Readonly<Record<string, string | string[]>>;
}

export interface LocalRuntime {
  /**
   * The first API's base URL: an HTTP API's `http://localhost:3000`, or a REST API's first stage,
   * `http://localhost:3000/prod` (empty when the app has no API).
   */
  readonly url: string;
  /** Where the emulators listen: for tests that look into a queue or table (as the local operator, past IAM). */
  readonly endpoints: ServiceEndpoints;
  /** The AWS front door, the one endpoint every function's SDK calls (`AWS_ENDPOINT_URL`). */
  readonly awsEndpoint: string;
  /** Whether functions' calls are checked by IAM (the `iam` option). */
  readonly iamEnforced: boolean;
  readonly region: string;
  /**
   * IAM's decision for one request, as the runtime takes it for functions' calls: for servers that check
   * callers themselves (a Function URL with `AWS_IAM` auth). Any access key id no function holds is the
   * local operator's, who may do everything.
   */
  authorize(question: AuthorizationQuestion): Promise<AuthorizationDecision>;
  /** What runs now: functions, routes, resources, warnings. */
  readonly model: AppModel;
  /** The cloud assembly that runs now (inside the runtime's work directory, gone after `stop()`, unless given as `assembly`). */
  readonly assemblyDirectory: string;
  /** Synthesizes the app again and applies the changes, keeping data and unchanged warm functions. */
  reload(): Promise<DeploymentResult>;
  /** The app's schedules (rules with `ScheduleExpression`, Scheduler schedules). */
  readonly schedules: {
    /** Fires every schedule due by `at` at once, as if that time had come: tests use it instead of waiting. */
    runDue(at: Date): Promise<Fired[]>;
    upcoming(): { name: string; fireAt: Date }[];
  };
  /** Fault injection: what is on, how many faults were injected, and a way to change them while the app runs. */
  readonly chaos: {
    readonly spec: ChaosSpec | undefined;
    /** One line per fault that is on (empty when off), for a banner. */
    describe(): string[];
    counts(): FaultCounts;
    /** Turns faults on or changes them (a spec string or a parsed one), or off with `undefined`. */
    set(spec: string | ChaosSpec | undefined): void;
  };
  /** Stops everything this runtime started: no process is left behind. */
  stop(): Promise<void>;
}

/** Every emulator's resources live in this one account (the one the SQS emulator uses). */
export const localAccountId = '000000000000';
const accountId = localAccountId;

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
  const parseChaos = (spec: string | ChaosSpec | undefined) => (typeof spec === 'string' ? parseChaosSpec(spec) : spec);
  // A bad spec fails before anything starts.
  const chaosSpec = parseChaos(options.chaos);
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

  const late: { functions?: FunctionRegistry } = {};
  const chaos = new Chaos({ functions: () => late.functions?.functions ?? [], functionLine: (fn, line) => log.functionLine(fn, line) });
  const localAws = await LocalAws.start({
    region,
    accountId,
    iam: options.iam ?? true,
    // Faults come last, nearest the service: the other hooks see the answers they make.
    hooks: [...(options.frontDoorHooks ?? []), chaos.frontDoorStage],
    onWarning: (message) => log.warn(message),
  });
  // The emulators start before the functions exist; rotations run once both do.
  log.info('Synthesizing the CDK app and starting the emulators...');
  const [synthResult, emulatorsResult, bootstrapResult] = await Promise.allSettled([
    synth(),
    startEmulators({
      region,
      accountId,
      queueUrlBase: localAws.url,
      invokeRotation: async (lambdaArn, event) => {
        const { outcome } = await late.functions!.invoke(lambdaArn, event);
        if (!outcome.ok) throw new Error(`Rotation function failed at ${event.Step}: ${outcome.error.errorType}: ${outcome.error.errorMessage}`);
      },
    }).then((emulators) => ({ emulators, ready: Date.now() })),
    bundleBootstrap(workDirectory),
  ]);
  const cleanUp = async (emulators?: RunningEmulators) => {
    await localAws.close();
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

  localAws.useEmulators(emulators.endpoints, emulators.secrets);
  const clients = new AwsClients(emulators.endpoints);
  const runtimes = new LambdaRuntimes(log);
  const functions = new FunctionRegistry({
    bootstrapFile: bootstrapResult.value,
    maxEnvironments: options.maxEnvironmentsPerFunction ?? 4,
    runtimeOf: (fn) => runtimes.runtimeOf(fn),
    environmentVariables: (fn, runtime) => environmentVariables(fn, localAws.url, workDirectory, runtime),
    onLog: (fn, line) => log.functionLine(fn, line),
    onInvocation: options.onInvocation,
    faults: chaos.kills,
  });
  late.functions = functions;
  const events = new EventServices({
    region,
    accountId,
    localAws,
    invoker: functions,
    functions: () => functions.functions,
    sendToQueue: queueSender(clients, localAws.url),
    onWarning: (message) => log.warn(message),
    runSchedules: options.eventSources ?? true,
  });
  const deployment = new AppDeployment(
    {
      region,
      accountId,
      port: options.port ?? 3000,
      workDirectory,
      eventSources: options.eventSources ?? true,
      functionUrlAuth: {
        credentials: options.functionUrlAuth?.credentials ?? ((accessKeyId) => localAws.callers.signingCredentials(accessKeyId)),
        authorize: options.functionUrlAuth?.authorize ?? ((request) => localAws.authorizeFunctionUrl(request)),
      },
      duplicateDeliveries: chaos.duplicates,
    },
    emulators,
    clients,
    functions,
    localAws,
    log,
    runtimes,
  );
  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= (async () => {
      chaos.stop();
      events.stop();
      await deployment.stop();
      await functions.stop();
      clients.destroy();
      await cleanUp(emulators);
    })());

  const setChaos = (spec: ChaosSpec | undefined) => {
    chaos.set(spec);
    for (const target of chaos.unmatchedTargets()) log.warn(`Chaos: @${target} names no function of the app, so its fault is never injected`);
  };
  let current: DeploymentResult;
  let assemblyDirectory = synthResult.value.outDirectory;
  try {
    const deployStarted = Date.now();
    current = await deployment.deploy(synthResult.value.outDirectory);
    events.update(current.model);
    setChaos(chaosSpec);
    log.info(`  deployed in ${seconds(deployStarted)}`);
  } catch (error) {
    await stopAll();
    throw error;
  }

  let reloading: Promise<DeploymentResult> | undefined;
  const reload = async () => {
    const { outDirectory } = await synth();
    current = await deployment.deploy(outDirectory);
    assemblyDirectory = outDirectory;
    events.update(current.model);
    return current;
  };

  return {
    url: firstApiUrl(current.model, deployment),
    endpoints: emulators.endpoints,
    awsEndpoint: localAws.url,
    iamEnforced: localAws.iam.enabled,
    region,
    authorize: ({ principalArn, accessKeyId, ...request }) =>
      localAws.iam.authorize({ principalArn: principalArn ?? localAws.callers.of(accessKeyId).principalArn, ...request }),
    get model() {
      return current.model;
    },
    get assemblyDirectory() {
      return assemblyDirectory;
    },
    reload: () => {
      // One reload at a time: a change during a reload gets the next one.
      const next = (reloading ?? Promise.resolve()).catch(() => undefined).then(reload);
      reloading = next;
      return next;
    },
    schedules: {
      runDue: (at) => events.runDueSchedules(at),
      upcoming: () => events.upcomingSchedules(),
    },
    chaos: {
      get spec() {
        return chaos.spec;
      },
      describe: () => chaos.describe(),
      counts: () => chaos.counts(),
      set: (spec) => setChaos(parseChaos(spec)),
    },
    stop: stopAll,
  };
};
