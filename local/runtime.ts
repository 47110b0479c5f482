import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppDeployment, type DeploymentResult, emulatorsFor } from './app-deployment';
import { AppSynthesis } from './app-synthesis';
import { Chaos, type FaultCounts } from './chaos/chaos';
import { type ChaosSpec, parseChaosSpec } from './chaos/chaos-spec';
import type { AppModel, FunctionSpec } from './assembly/app-model';
import { assertPortsFree, awsPortsFrom } from './emulators/free-port';
import { type EmulatorName, emulatorNames, Emulators, emulatorTitles } from './emulators/start-emulators';
import { StreamPositions } from './event-sources/stream-positions';
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
import { consoleCacheDirectory, startConsole } from './console/start-console';
import { observedLog } from './observe/observed-log';
import { RuntimeObserver } from './observe/runtime-observer';
import { Reloader } from './reload/reloader';

export interface LocalRuntimeOptions {
  /** The CDK project: where cdk.json is. @default process.cwd() */
  readonly projectDirectory?: string;
  /** The command that runs the CDK app. @default the `app` of cdk.json */
  readonly app?: string;
  /** Context for the app, on top of cdk.json's (`-c key=value`). */
  readonly context?: Record<string, unknown>;
  /** Port of the (first) HTTP API; 0 for any free port. @default 3000 */
  readonly port?: number;
  /**
   * Port of the AWS front door (`awsEndpoint`); the emulators take the next four (DynamoDB, SQS,
   * Kinesis, Secrets Manager). 0 for any free ports. @default 0
   */
  readonly awsPort?: number;
  /**
   * Keep the emulators' data (tables, queues, streams, secrets) and the stream positions in this
   * directory across restarts. @default in memory, gone at stop
   */
  readonly dataDirectory?: string;
  /**
   * Keep the synthesized cloud assembly in this directory, and reuse it at the next start when nothing
   * it depends on changed (`npm start` uses `.local/runtime`). @default synthesize at every start
   */
  readonly synthCache?: string;
  /**
   * The emulators to start while the app synthesizes, before its templates say which it needs (each
   * takes a second or two to start; the others start when needed). @default those the app used at its
   * last start (with `synthCache`), else all
   */
  readonly emulatorsBeforeSynthesis?: readonly EmulatorName[];
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
   * Serve the local console (docs/local-runtime.md, "The console") on 127.0.0.1, on `port` (0: any free
   * port): the runtime then also records what happens, for the console to show. Its page is bundled
   * once into `cacheDirectory` (default `.local/console`). @default false
   */
  readonly console?: boolean | { readonly port?: number; readonly cacheDirectory?: string };
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
  /**
   * Where the emulators listen: for tests that look into a queue or table (as the local operator, past
   * IAM). Those the app's resources live in run; another starts when a call for it reaches `awsEndpoint`.
   */
  readonly endpoints: ServiceEndpoints;
  /** The emulators running now. */
  emulatorsRunning(): EmulatorName[];
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
  /**
   * Applies a change. Given the files that changed (as the watcher gives them), a file some functions'
   * bundles are built from rebuilds those bundles alone, incrementally, with the options of their
   * synthesis; anything else (or no files) synthesizes the app again. Data and unchanged warm functions
   * are kept either way.
   */
  reload(changedFiles?: readonly string[]): Promise<ReloadResult>;
  /** The app's schedules (rules with `ScheduleExpression`, Scheduler schedules). */
  readonly schedules: {
    /** Fires every schedule due by `at` at once, as if that time had come: tests use it instead of waiting. */
    runDue(at: Date): Promise<Fired[]>;
    upcoming(): { name: string; fireAt: Date }[];
  };
  /** The console, when the `console` option asked for it: `url` carries the token, `origin` does not. */
  readonly console?: { readonly url: string; readonly origin: string };
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

export interface ReloadResult extends DeploymentResult {
  /** The functions rebuilt alone, and how long each bundle took. */
  readonly rebuilt: { readonly displayName: string; readonly milliseconds: number }[];
  /** Why the app was synthesized again, if it was. */
  readonly synthesized?: string;
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
  const observer = options.console ? new RuntimeObserver() : undefined;
  const consoleAt: { origin?: string } = {};
  const log = observer ? observedLog(options.log ?? silentLog, observer, () => consoleAt.origin) : (options.log ?? silentLog);
  const region = options.region ?? 'us-east-1';
  const projectDirectory = options.projectDirectory ?? process.cwd();
  const awsPort = options.awsPort ?? 0;
  const ports = awsPortsFrom(awsPort);
  if (awsPort) await assertPortsFree(ports, 'is another `npm start` running? Choose other ports with --aws-port <port> (the AWS endpoint; the emulators take the next four).');
  const parseChaos = (spec: string | ChaosSpec | undefined) => (typeof spec === 'string' ? parseChaosSpec(spec) : spec);
  // A bad spec fails before anything starts.
  const chaosSpec = parseChaos(options.chaos);
  const workDirectory = await mkdtemp(join(tmpdir(), 'local-runtime-'));
  // Functions declare nodejs22.x and run on this machine's Node; the SDK's warning about older Nodes says nothing about Lambda.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

  const synthesis = new AppSynthesis({
    projectDirectory,
    workDirectory,
    app: options.app,
    context: options.context,
    region,
    account: accountId,
    assembly: options.assembly,
    cacheDirectory: options.synthCache,
  });
  if (synthesis.cacheBusy) log.info(`Another runtime uses ${options.synthCache}: synthesizing into a directory of this run's own.`);
  const reloader = new Reloader(
    projectDirectory,
    () => synthesis.appCommand,
    () => synthesis.assetHashSalt,
    (message) => log.warn(message),
  );

  const late: { functions?: FunctionRegistry; ready?: boolean } = {};
  const chaos = new Chaos({ functions: () => late.functions?.functions ?? [], functionLine: (fn, line) => log.functionLine(fn, line) });
  const localAws = await LocalAws.start({
    port: awsPort,
    region,
    accountId,
    iam: options.iam ?? true,
    // Faults come last, nearest the service: the other hooks see the answers they make.
    hooks: [...(observer ? [observer.frontDoorStage] : []), ...(options.frontDoorHooks ?? []), chaos.frontDoorStage],
    onWarning: (message) => log.warn(message),
  });
  // Rotations run once the functions exist.
  const emulators = await Emulators.create({
    region,
    accountId,
    queueUrlBase: localAws.url,
    ports: awsPort ? ports.emulators : undefined,
    dataDirectory: options.dataDirectory,
    invokeRotation: async (lambdaArn, event) => {
      const { outcome } = await late.functions!.invoke(lambdaArn, event);
      if (!outcome.ok) throw new Error(`Rotation function failed at ${event.Step}: ${outcome.error.errorType}: ${outcome.error.errorMessage}`);
    },
    onStarted: (name, took) => {
      if (late.ready) log.info(`Started ${emulatorTitles[name]} on its first call, in ${took.toFixed(1)} s`);
    },
  });
  const cleanUp = async () => {
    await localAws.close();
    await emulators.stop();
    synthesis.release();
    await rm(workDirectory, { recursive: true, force: true });
  };
  let endpoints: ServiceEndpoints;
  try {
    endpoints = options.emulatorEndpoints ? await options.emulatorEndpoints(emulators.endpoints) : emulators.endpoints;
  } catch (error) {
    await cleanUp();
    throw error;
  }
  localAws.useEmulators({ endpoints, secrets: () => emulators.secrets, ready: (name) => emulators.ensure(name) });

  // Emulators start in a second or two: those the app will likely need start while it synthesizes.
  const early = options.emulatorsBeforeSynthesis ?? synthesis.lastEmulators() ?? emulatorNames;
  const startingEarly = emulators.ensure(...early);
  startingEarly.catch(() => undefined);
  log.info(options.assembly ? 'Reading the cloud assembly...' : 'Synthesizing the CDK app...');
  const [assemblyResult, bootstrapResult] = await Promise.allSettled([synthesis.initial(), bundleBootstrap(workDirectory)]);
  if (assemblyResult.status === 'rejected' || bootstrapResult.status === 'rejected') {
    await cleanUp();
    throw [assemblyResult, bootstrapResult].find((result) => result.status === 'rejected')!.reason;
  }
  log.info(`  ${assemblyResult.value.how}, in ${seconds(started)}`);

  const clients = new AwsClients(endpoints);
  const runtimes = new LambdaRuntimes(log);
  const functions = new FunctionRegistry({
    bootstrapFile: bootstrapResult.value,
    maxEnvironments: options.maxEnvironmentsPerFunction ?? 4,
    runtimeOf: (fn) => runtimes.runtimeOf(fn),
    environmentVariables: (fn, runtime) => environmentVariables(fn, localAws.url, workDirectory, runtime),
    onLog: (fn, line) => log.functionLine(fn, line),
    onInvocation: options.onInvocation,
    onInvoked: observer && ((fn, invocation) => observer.invocation(fn, invocation)),
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
  const streamPositions = options.dataDirectory ? new StreamPositions(join(options.dataDirectory, 'stream-positions.json'), deployment.checkpoints) : undefined;
  /** Keeping the last synthesis for the next start: in the background, awaited before another synthesis and at stop. */
  let remembering: Promise<void> = Promise.resolve();
  let stopping: Promise<void> | undefined;
  let runningConsole: Awaited<ReturnType<typeof startConsole>> | undefined;
  const stopAll = () =>
    (stopping ??= (async () => {
      await runningConsole?.close();
      chaos.stop();
      events.stop();
      await deployment.stop();
      streamPositions?.save();
      await functions.stop();
      await remembering;
      await reloader.dispose();
      clients.destroy();
      await cleanUp();
    })());

  const setChaos = (spec: ChaosSpec | undefined) => {
    chaos.set(spec);
    for (const target of chaos.unmatchedTargets()) log.warn(`Chaos: @${target} names no function of the app, so its fault is never injected`);
  };
  let current: DeploymentResult;
  /** After a deployment: what rebuilding functions alone needs, and after a synthesis the assembly kept for the next start. */
  const deployed = (model: AppModel) => {
    reloader.update(synthesis.records(), model.functions);
    remembering = synthesis
      .remember(() => reloader.dependencies(), emulatorsFor(model))
      .catch((error: Error) => log.warn(`The synthesized app is not kept for the next start: ${error.message}`));
  };
  try {
    const deployStarted = Date.now();
    streamPositions?.load();
    current = await deployment.deploy(synthesis.outDirectory);
    events.update(current.model);
    deployed(current.model);
    await startingEarly.catch(() => undefined);
    await emulators.stopAllBut(emulatorsFor(current.model));
    late.ready = true;
    setChaos(chaosSpec);
    log.info(`  deployed in ${seconds(deployStarted)}`);
    if (observer) {
      runningConsole = await startConsole({
        port: typeof options.console === 'object' ? (options.console.port ?? 0) : 0,
        cacheDirectory: (typeof options.console === 'object' && options.console.cacheDirectory) || consoleCacheDirectory(projectDirectory),
        accountId,
        observer,
        model: () => current.model,
        clients,
        sqsEndpoint: emulators.endpoints.sqs,
        streamCheckpoints: () => deployment.checkpoints,
        upcomingSchedules: () => events.upcomingSchedules(),
        invoke: (name, event) => functions.invoke(name, event),
      });
      consoleAt.origin = runningConsole.origin;
    }
  } catch (error) {
    await stopAll();
    throw error;
  }

  let reloading: Promise<ReloadResult> | undefined;
  const synthesizeAndDeploy = async (reason?: string): Promise<ReloadResult> => {
    await reloader.settled();
    await remembering;
    await synthesis.synthesize();
    current = await deployment.deploy(synthesis.outDirectory);
    events.update(current.model);
    deployed(current.model);
    return { ...current, rebuilt: [], synthesized: reason ?? 'reload() without files' };
  };
  const reload = async (changedFiles?: readonly string[]): Promise<ReloadResult> => {
    if (!changedFiles) return synthesizeAndDeploy();
    const started = performance.now();
    const plan = await reloader.plan(changedFiles, current.model.functions);
    let rebuilt: ReloadResult['rebuilt'] = [];
    let changedFunctions: string[] = [];
    if (plan.rebuild.length > 0) {
      const result = await reloader.rebuild(plan, current.model.functions);
      changedFunctions = functions.update(result.functions);
      current = { ...current, model: { ...current.model, functions: result.functions }, changedFunctions, createdSecrets: [] };
      rebuilt = result.rebuilt;
      const unchanged = result.functions.length - changedFunctions.length;
      log.info(
        `Rebuilt ${rebuilt.map((fn) => `${fn.displayName} (${Math.round(fn.milliseconds)} ms)`).join(', ')} in ${Math.round(performance.now() - started)} ms: ` +
          `${changedFunctions.length ? `new code for ${changedFunctions.join(', ')}` : 'the same code as before'}; ${unchanged} function${unchanged === 1 ? '' : 's'} kept warm`,
      );
    }
    if (!plan.synthesize) return { ...current, rebuilt };
    log.info(`Synthesizing the app again: ${plan.synthesize}...`);
    const synthesizing = performance.now();
    const synthesized = await synthesizeAndDeploy(plan.synthesize);
    log.info(
      `Synthesized and reloaded in ${((performance.now() - synthesizing) / 1000).toFixed(1)} s: ` +
        (synthesized.changedFunctions.length ? `new code or settings for ${synthesized.changedFunctions.join(', ')}` : 'no function changed') +
        (synthesized.createdSecrets.length ? `; new secrets ${synthesized.createdSecrets.join(', ')}` : ''),
    );
    return { ...synthesized, rebuilt, changedFunctions: [...new Set([...changedFunctions, ...synthesized.changedFunctions])] };
  };

  return {
    url: firstApiUrl(current.model, deployment),
    endpoints,
    emulatorsRunning: () => emulatorNames.filter((name) => emulators.isRunning(name)),
    awsEndpoint: localAws.url,
    iamEnforced: localAws.iam.enabled,
    region,
    authorize: ({ principalArn, accessKeyId, ...request }) =>
      localAws.iam.authorize({ principalArn: principalArn ?? localAws.callers.of(accessKeyId).principalArn, ...request }),
    get model() {
      return current.model;
    },
    get assemblyDirectory() {
      return synthesis.outDirectory;
    },
    reload: (changedFiles) => {
      // One reload at a time: a change during a reload gets the next one.
      const next = (reloading ?? Promise.resolve()).catch(() => undefined).then(() => reload(changedFiles));
      reloading = next;
      return next;
    },
    schedules: {
      runDue: (at) => events.runDueSchedules(at),
      upcoming: () => events.upcomingSchedules(),
    },
    console: runningConsole && { url: runningConsole.url, origin: runningConsole.origin },
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
