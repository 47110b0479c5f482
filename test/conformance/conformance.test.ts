import { join } from 'node:path';
import { startLocalRuntime } from '../../local/runtime';
import { authorizerCases } from './authorizers.cases';
import { chaosCases } from './chaos.cases';
import type { ConformanceContext } from './conformance-context';
import { frontDoorCases, machineCredentials } from './front-door.cases';
import { functionCases } from './functions.cases';
import { iamCases } from './iam.cases';
import { kinesisCases } from './kinesis.cases';
import { messagingCases } from './messaging.cases';
import { reloadCases } from './reload.cases';
import { routingCases } from './routing.cases';
import { scheduleCases } from './schedule.cases';
import { sqsCases } from './sqs.cases';
import { tableStreamCases } from './table-stream.cases';
import { descendantsOf, describeProcesses, isRunning } from './support/processes';
import { RecordingLog } from './support/recording-log';
import { createTestIssuer } from './support/test-issuer';

/**
 * The local runtime against a CDK app of its own (test/conformance/app): each case checks one thing
 * the runtime must do as AWS does. One runtime serves every case; the last case stops it.
 */
let conformance: ConformanceContext | undefined;
const context = () => conformance!;
/** What already ran below this process before the runtime started (with one Jest worker, other projects' emulators). */
let before: Set<number>;

beforeAll(async () => {
  before = new Set(descendantsOf(process.pid));
  const issuer = await createTestIssuer();
  const log = new RecordingLog();
  // Credentials of this machine, as a developer's shell has them: none may reach a function.
  const saved = Object.fromEntries(Object.keys(machineCredentials).map((name) => [name, process.env[name]]));
  Object.assign(process.env, machineCredentials);
  try {
    const runtime = await startLocalRuntime({
      projectDirectory: join(__dirname, '../..'),
      app: 'tsx test/conformance/app/app.ts',
      context: { conformancePublicJwk: JSON.stringify(issuer.publicJwk) },
      port: 0,
      log,
    });
    conformance = { runtime, log, issuer };
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}, 60_000);

afterAll(() => conformance?.runtime.stop());

functionCases(context);
routingCases(context);
authorizerCases(context);
sqsCases(context);
kinesisCases(context);
tableStreamCases(context);
frontDoorCases(context);
iamCases(context);
messagingCases(context);
scheduleCases(context);
chaosCases(context);
reloadCases(context);

describe('Start-up and running', () => {
  it('runs every resource of the conformance app, and nothing went wrong on the side', () => {
    expect(context().runtime.model.warnings).toEqual([]);
    expect(context().log.warnings).toEqual([]);
  });
});

describe('Stopping', () => {
  it('leaves no process behind', async () => {
    const started = descendantsOf(process.pid).filter((pid) => !before.has(pid));
    expect(started.length).toBeGreaterThanOrEqual(4);
    await context().runtime.stop();
    expect(describeProcesses(started.filter(isRunning))).toBe('');
  });
});
