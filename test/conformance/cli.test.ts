import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../e2e/support/eventually';
import { request } from '../e2e/support/http';
import { descendantsOf, describeProcesses, isRunning } from './support/processes';

jest.setTimeout(60_000);

const root = join(__dirname, '../..');
/** Its files (aws.env, the synthesized app) go here, not to the project's .local, which a developer's `npm start` may use. */
const localDirectory = mkdtempSync(join(tmpdir(), 'cli-local-'));
const awsEnvFile = join(localDirectory, 'aws.env');

let cli: ChildProcessWithoutNullStreams | undefined;

// Should the test fail half-way, nothing it started may outlive it.
afterAll(() => {
  if (cli && cli.exitCode === null) process.kill(-cli.pid!, 'SIGKILL');
  rmSync(localDirectory, { recursive: true, force: true });
});

const cliArguments = ['--import', 'tsx', 'local/cli.ts', '--app', 'tsx test/conformance/app/app.ts', '-c', 'conformancePublicJwk={}', '--no-watch'];

/** What `source <local dir>/aws.env` sets: the file's `export NAME=value` lines. */
const sourced = () => Object.fromEntries([...readFileSync(awsEnvFile, 'utf8').matchAll(/^export (\w+)=(.*)$/gm)].map(([, name, value]) => [name!, value!]));

/**
 * `npm start` as a person runs it (here with `--iam off`, and chaos that slows 1% of calls by 1 ms):
 * ready line, a working API, aws.env for other tools, and on SIGTERM a clean stop with nothing left running.
 */
it('starts, serves, and on SIGTERM stops every process it started', async () => {
  cli = spawn(
    process.execPath,
    [...cliArguments, '--iam', 'off', '--local-dir', localDirectory, '--chaos', 'slow=0.01:1ms,seed=4'],
    { cwd: root, env: { ...process.env, PORT: '0', NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  cli.stdout.on('data', (chunk) => (output += String(chunk)));
  cli.stderr.on('data', (chunk) => (output += String(chunk)));
  const exited = once(cli, 'exit');
  const { pid } = cli;

  const url = await eventually(
    () => {
      const ready = /Ready: (http:\/\/localhost:\d+)/.exec(output);
      // The last line of the start-up report.
      if (!ready || !output.includes('restart to apply them')) throw new Error(`Not ready yet:\n${output}`);
      return ready[1]!;
    },
    { timeoutMs: 45_000 },
  );
  expect(output).toMatch(/AWS front door \(every function's AWS endpoint\): http:\/\/127\.0\.0\.1:\d+; IAM off \(--iam off\)/);
  expect(output).toContain('Chaos is on (--chaos): faults are injected into the app.\n  slow 1 % of AWS calls by 1 ms\n  to repeat these choices: --chaos slow=0.01:1ms,seed=4');
  expect((await request(url, 'GET', '/counter')).status).toBe(200);
  // With IAM off, API Gateway's permission to invoke a function is not checked either.
  expect((await request(url, 'GET', '/unpermitted')).status).toBe(200);
  await eventually(() => expect(output).toMatch(/GET \/counter → 200/));

  // aws.env points any SDK at the front door, as the local operator, with no other setting.
  const frontDoor = /AWS front door \(every function's AWS endpoint\): (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1];
  expect(sourced()).toMatchObject({ AWS_ENDPOINT_URL: frontDoor, AWS_ENDPOINT_URL_DYNAMODB: frontDoor, AWS_ENDPOINT_URL_SQS: frontDoor, AWS_REGION: 'us-east-1' });
  const script = `const { DynamoDBClient, ListTablesCommand } = require('@aws-sdk/client-dynamodb');
    new DynamoDBClient({}).send(new ListTablesCommand({})).then((out) => console.log(out.TableNames.join(',')));`;
  const env = { PATH: process.env.PATH!, HOME: localDirectory, ...sourced() };
  expect(execFileSync(process.execPath, ['-e', script], { cwd: root, env, encoding: 'utf8' })).toMatch(/^Conformance-\w+/);

  const started = descendantsOf(pid!);
  cli.kill('SIGTERM');
  const [code] = await exited;
  expect(code).toBe(0);
  expect(output).toMatch(/Chaos injected: 0 kill, 0 throttle, 0 error, 0 timeout, 0 reset, \d+ slow, 0 duplicate/);
  expect(output).toMatch(/Stopped\. Nothing is left running\./);
  expect(describeProcesses(started.filter(isRunning))).toBe('');
  // Nothing answers there any more.
  expect(existsSync(awsEnvFile)).toBe(false);
});

it('refuses a chaos spec it cannot read, saying what is wrong, before starting anything', async () => {
  const refused = spawn(process.execPath, [...cliArguments, '--chaos', 'kill=0.1,throttel=0.05'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  refused.stderr.on('data', (chunk) => (output += String(chunk)));
  const [code] = await once(refused, 'exit');
  expect(code).toBe(2);
  expect(output).toContain('--chaos: "throttel" is not a fault: the faults are kill, throttle, error, timeout, reset, slow, duplicate (and seed) in "throttel=0.05"');
});
