import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RequestCounter, startRequestCounter } from '../../bench/support/request-counter';
import type { InvocationReport } from '../../local/lambda/execution-environment';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime';
import { synthesize } from '../../local/synth';
import { RecordingLog } from './support/recording-log';
import { createTestIssuer } from './support/test-issuer';

/**
 * The runtime's options for tools such as the benchmarks: a cloud assembly synthesized beforehand,
 * no event source pollers, a proxy between the app and the emulators, and a report per invocation.
 */
jest.setTimeout(30_000);

const projectDirectory = join(__dirname, '../..');
const workDirectory = mkdtempSync(join(tmpdir(), 'runtime-options-'));
const log = new RecordingLog();
const reports: { functionName: string; report: InvocationReport }[] = [];
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
