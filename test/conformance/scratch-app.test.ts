import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { localCredentials } from '../../local/lambda/environment-variables';
import { appImports, programOf } from '../../local/reload/app-imports';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime';
import { request } from '../e2e/support/http';
import { RecordingLog } from './support/recording-log';

/**
 * A small app whose handlers the test writes and edits (test/conformance/scratch-app/app.ts: two
 * functions behind an HTTP API, no table, queue, stream or secret).
 *
 * Reloading a running app (docs/local-runtime.md, "Changing code while it runs"): an edit to a file a
 * function's bundle is built from rebuilds that bundle alone, with the esbuild options its synthesis
 * used (NodejsFunction's bundling, https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_lambda_nodejs-readme.html),
 * into the asset a synthesis would build; anything else synthesizes the app again. The app's handlers
 * live in a scratch directory (test/conformance/scratch-app/app.ts), written and edited here.
 */
jest.setTimeout(60_000);

const root = join(__dirname, '../..');
const sources = join(root, '.local', `scratch-app-${process.pid}`);
const write = (file: string, text: string) => writeFileSync(join(sources, file), text);
const respond = (body: string) =>
  `export const handler = async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(${body}) });\n`;
const greeter = (extra = '') =>
  `import { greeting } from './greeting';\nconst environmentId = Math.random().toString(36).slice(2);\n` +
  `${respond('{ greeting, environmentId }')}${extra}`;

let runtime: LocalRuntime | undefined;
const log = new RecordingLog();
const get = async (path: string) => (await request<{ greeting?: string; environmentId: string }>(runtime!.url, 'GET', path)).body;

beforeAll(async () => {
  mkdirSync(sources, { recursive: true });
  write('greeting.ts', "export const greeting = 'hello';\n");
  write('greeter.ts', greeter());
  write('clock.ts', `const environmentId = Math.random().toString(36).slice(2);\n${respond('{ environmentId }')}`);
  runtime = await startLocalRuntime({
    projectDirectory: root,
    app: 'tsx test/conformance/scratch-app/app.ts',
    context: { scratchAppSources: sources },
    port: 0,
    // What `npm start` does for an app it has run before: it starts what that app used, here nothing.
    emulatorsBeforeSynthesis: [],
    log,
  });
}, 90_000);

afterAll(async () => {
  await runtime?.stop();
  rmSync(sources, { recursive: true, force: true });
});

describe('a change to a file of a function bundle', () => {
  it('rebuilds only the functions built from it, serves the new code and keeps the others warm', async () => {
    const clock = await get('/clock');
    expect((await get('/greet')).greeting).toBe('hello');
    write('greeting.ts', "export const greeting = 'bonjour';\n");
    const result = await runtime!.reload([join(sources, 'greeting.ts')]);
    expect(result.rebuilt.map((fn) => fn.displayName)).toEqual(['Scratch/Greeter']);
    expect(result.changedFunctions).toEqual(['Scratch/Greeter']);
    expect(result.synthesized).toBeUndefined();
    expect((await get('/greet')).greeting).toBe('bonjour');
    expect((await get('/clock')).environmentId).toBe(clock.environmentId);
    expect(log.infos.at(-1)).toMatch(/^Rebuilt Scratch\/Greeter \(\d+ ms\) in \d+ ms: new code for Scratch\/Greeter; 1 function kept warm$/);
  });

  it('builds the bundle a synthesis builds: a synthesis afterwards finds every function unchanged and warm', async () => {
    write('greeter.ts', greeter('// a comment esbuild drops'));
    const rebuilt = await runtime!.reload([join(sources, 'greeter.ts')]);
    // The comment changes nothing in the bundle: the same asset as before, so the same warm environment.
    expect(rebuilt.changedFunctions).toEqual([]);
    const greeterBefore = await get('/greet');
    // A file no bundle is built from: the app is synthesized again, from scratch.
    write('notes.md', 'not imported by anything');
    const synthesized = await runtime!.reload([join(sources, 'notes.md')]);
    expect(synthesized.synthesized).toMatch(/^no function's bundle is built from \.local\/scratch-app-\d+\/notes\.md$/);
    expect(synthesized.changedFunctions).toEqual([]);
    expect(await get('/greet')).toEqual(greeterBefore);
  });

  it('keeps the previous version serving when the edit does not build, and names the error', async () => {
    write('greeter.ts', greeter('export const broken = ;'));
    await expect(runtime!.reload([join(sources, 'greeter.ts')])).rejects.toThrow(/greeter\.ts:\d+:\d+: ERROR: Unexpected ";"/);
    expect((await get('/greet')).greeting).toBe('bonjour');
    write('greeter.ts', greeter());
    expect((await runtime!.reload([join(sources, 'greeter.ts')])).rebuilt.map((fn) => fn.displayName)).toEqual(['Scratch/Greeter']);
  });
});

describe('emulators started on demand', () => {
  it('starts none for an app with no table, queue, stream or secret', () => {
    expect(runtime!.emulatorsRunning()).toEqual([]);
  });

  it('starts one when a call for its service reaches the AWS endpoint, which holds the call until it serves', async () => {
    const sqs = new SQSClient({ endpoint: runtime!.awsEndpoint, region: runtime!.region, credentials: localCredentials });
    try {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'made-by-hand' }));
      expect(QueueUrl).toBe(`${runtime!.awsEndpoint}/000000000000/made-by-hand`);
      expect(runtime!.emulatorsRunning()).toEqual(['sqs']);
      expect(log.infos).toContainEqual(expect.stringMatching(/^Started SQS \(fauxqs\) on its first call, in \d+\.\d s$/));
    } finally {
      sqs.destroy();
    }
  });
});

describe('what the CDK app itself imports', () => {
  it('is found from the program its command runs: the shop imports table layouts and domain constants from functions/, never a handler', async () => {
    expect(programOf(root, 'npx ts-node --prefer-ts-exts bin/app.ts')).toBe(join(root, 'bin/app.ts'));
    const imports = [...((await appImports(root, 'npx tsx bin/app.ts')) ?? [])].map((file) => file.slice(root.length + 1));
    expect(imports).toEqual(expect.arrayContaining(['bin/app.ts', 'lib/shop-app.ts', 'functions/order/domain/order.ts', 'functions/order/table-layout.ts']));
    expect(imports.filter((file) => file.includes('/handlers/'))).toEqual([]);
  });
});
