import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RequestCounter, startRequestCounter } from '../../bench/support/request-counter';
import type { InvocationReport } from '../../local/lambda/execution-environment';
import { errorAnswer } from '../../local/front-door/error-answers';
import type { FrontDoorStage, ServiceCall } from '../../local/front-door/service-call';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime';
import { named } from './conformance-context';
import { callAsFunction, operatorLambda } from './support/aws-caller';
import { synthesize } from '../../local/synth';
import { RecordingLog } from './support/recording-log';
import { createTestIssuer } from './support/test-issuer';

/**
 * The runtime's options for tools such as the benchmarks: a cloud assembly synthesized beforehand,
 * no event source pollers, a proxy between the app and the emulators, and a report per invocation.
 */
const projectDirectory = join(__dirname, '../..');
const workDirectory = mkdtempSync(join(tmpdir(), 'runtime-options-'));
const log = new RecordingLog();
const reports: { functionName: string; report: InvocationReport }[] = [];
/** What a front door hook saw: each function call's service, operation and caller. */
const seen: Pick<ServiceCall, 'service' | 'operation' | 'caller'>[] = [];
/** A hook as fault injection would write one: reads of the item `throttled` are throttled, the others pass. */
const throttleOneItem: FrontDoorStage = async (call, next) => {
  seen.push({ service: call.service, operation: call.operation, caller: call.caller });
  const key = call.input?.Key as { sku?: { S?: string } } | undefined;
  if (key?.sku?.S === 'throttled') return errorAnswer(call, { code: 'ThrottlingException', status: 400, message: 'Rate exceeded' });
  return next();
};
let counter: RequestCounter | undefined;
let runtime: LocalRuntime;

beforeAll(async () => {
  const issuer = await createTestIssuer();
  const assembly = join(workDirectory, 'cdk.out');
  await synthesize({
    projectDirectory,
    outDirectory: assembly,
    app: 'tsx test/conformance/app/app.ts',
    context: { conformancePublicJwk: JSON.stringify(issuer.publicJwk) },
    region: 'us-east-1',
    account: '000000000000',
  });
  runtime = await startLocalRuntime({
    projectDirectory,
    assembly,
    eventSources: false,
    emulatorEndpoints: async (listening) => (counter = await startRequestCounter(listening)).endpoints,
    onInvocation: (fn, report) => reports.push({ functionName: fn.displayName, report }),
    frontDoorHooks: [throttleOneItem],
    port: 0,
    log,
  });
}, 60_000);

afterAll(async () => {
  await runtime?.stop();
  await counter?.stop();
  rmSync(workDirectory, { recursive: true, force: true });
});

describe('Runtime options', () => {
  it('runs a cloud assembly synthesized beforehand, as it is', async () => {
    const response = await fetch(`${runtime.url}/echo/assembled`);
    expect(response.status).toBe(200);
    expect(log.infos.some((line) => line.includes(`the cloud assembly at ${join(workDirectory, 'cdk.out')}`))).toBe(true);
  });

  it('starts no poller when event sources are off, and says so', () => {
    expect(runtime.model.eventSourceMappings.length).toBeGreaterThan(0);
    expect(log.infos).toContainEqual(expect.stringMatching(/event source mappings? not started \(eventSources: false\)/));
  });

  it('sends the runtime\'s own emulator traffic through the given endpoints; queue URLs name the AWS front door', () => {
    expect(counter!.counts()['sqs CreateQueue']?.requests).toBe(runtime.model.queues.length);
    expect(runtime.endpoints).toEqual(counter!.endpoints);
    for (const queue of runtime.model.queues) expect(queue.url.startsWith(`${runtime.awsEndpoint}/`)).toBe(true);
  });

  it('runs front door hooks on every call of a function: they see the call and may answer it as the service would', async () => {
    const lambda = operatorLambda(runtime);
    const caller = named(runtime.model.functions, 'AwsCaller');
    try {
      const catalog = named(runtime.model.tables, 'Catalog');
      const read = (sku: string) => callAsFunction(lambda, caller.name, { call: 'dynamodb GetItem', input: { TableName: catalog.name, Key: { sku: { S: sku } } } });
      const throttled = (await read('throttled')).error!;
      expect(throttled).toMatchObject({ name: 'ThrottlingException', status: 400 });
      // The SDK retries a throttled call, as it would on AWS; the hook saw every attempt.
      expect(throttled.attempts).toBeGreaterThan(1);
      expect((await read('tea')).ok).toBe(true);
      const calls = seen.filter((call) => call.caller?.kind === 'function');
      expect(calls.map((call) => `${call.service} ${call.operation}`)).toEqual(Array(throttled.attempts + 1).fill('dynamodb GetItem'));
      expect(calls[0]!.caller).toMatchObject({ functionName: caller.name, roleArn: caller.roleArn });
    } finally {
      lambda.destroy();
    }
  });

  it('reports each invocation with its duration and memory, and the init duration once per environment', async () => {
    const before = reports.length;
    for (const id of ['first', 'second']) expect((await fetch(`${runtime.url}/echo/${id}`)).status).toBe(200);
    const echoes = reports.slice(before).filter(({ functionName }) => functionName === 'Conformance/Echo');
    expect(echoes).toHaveLength(2);
    for (const { report } of echoes) {
      expect(report.durationMs).toBeGreaterThan(0);
      expect(report.memoryUsedMb).toBeGreaterThan(10);
    }
    const withInit = reports.filter(({ functionName, report }) => functionName === 'Conformance/Echo' && report.initDurationMs !== undefined);
    expect(withInit).toHaveLength(1);
  });
});
