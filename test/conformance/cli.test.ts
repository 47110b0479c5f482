import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { eventually } from '../e2e/support/eventually';
import { request } from '../e2e/support/http';
import { descendantsOf, describeProcesses, isRunning } from './support/processes';

jest.setTimeout(60_000);

const root = join(__dirname, '../..');

let cli: ChildProcessWithoutNullStreams | undefined;

// Should the test fail half-way, nothing it started may outlive it.
afterAll(() => {
  if (cli && cli.exitCode === null) process.kill(-cli.pid!, 'SIGKILL');
});

/** `npm start` as a person runs it (here with `--iam off`): ready line, a working API, and on SIGTERM a clean stop with nothing left running. */
it('starts, serves, and on SIGTERM stops every process it started', async () => {
  cli = spawn(
    process.execPath,
    ['--import', 'tsx', 'local/cli.ts', '--app', 'tsx test/conformance/app/app.ts', '-c', 'conformancePublicJwk={}', '--no-watch', '--iam', 'off'],
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
  expect((await request(url, 'GET', '/counter')).status).toBe(200);
  // With IAM off, API Gateway's permission to invoke a function is not checked either.
  expect((await request(url, 'GET', '/unpermitted')).status).toBe(200);
  await eventually(() => expect(output).toMatch(/GET \/counter → 200/));

  const started = descendantsOf(pid!);
  cli.kill('SIGTERM');
  const [code] = await exited;
  expect(code).toBe(0);
  expect(output).toMatch(/Stopped\. Nothing is left running\./);
  expect(describeProcesses(started.filter(isRunning))).toBe('');
});
