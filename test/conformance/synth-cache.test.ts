import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalRuntime } from '../../local/runtime';
import { request } from '../e2e/support/http';
import { RecordingLog } from './support/recording-log';

/**
 * Starting again (docs/local-runtime.md, "Starting again"): the synthesized app is kept in the
 * `synthCache` directory and reused at the next start when nothing it depends on changed; a change to a
 * file its functions are built from makes the next start synthesize it again. On the scratch app.
 */
jest.setTimeout(90_000);

const root = join(__dirname, '../..');
const sources = join(root, '.local', `synth-cache-app-${process.pid}`);
const synthCache = mkdtempSync(join(tmpdir(), 'synth-cache-'));
const write = (file: string, text: string) => writeFileSync(join(sources, file), text);
const answering = (greeting: string) => `export const handler = async () => ({ statusCode: 200, body: ${JSON.stringify(greeting)} });\n`;

/** Starts the app, answers its log's line on how it got the assembly and what /greet answers, and stops it. */
const startAndStop = async () => {
  const log = new RecordingLog();
  const runtime = await startLocalRuntime({
    projectDirectory: root,
    app: 'tsx test/conformance/scratch-app/app.ts',
    context: { scratchAppSources: sources },
    port: 0,
    emulatorsBeforeSynthesis: [],
    synthCache,
    log,
  });
  try {
    const greeting = (await request<string>(runtime.url, 'GET', '/greet')).body;
    return { how: log.infos.find((line) => /^ {2}(synthesized|reused)/.test(line)), greeting };
  } finally {
    await runtime.stop();
  }
};

beforeAll(() => {
  mkdirSync(sources, { recursive: true });
  write('greeter.ts', answering('hello'));
  write('clock.ts', answering('tick'));
});

afterAll(() => {
  rmSync(sources, { recursive: true, force: true });
  rmSync(synthCache, { recursive: true, force: true });
});

describe('the synthesized app, kept across starts', () => {
  it('is synthesized at the first start, reused at the next, and synthesized again once a function source changed', async () => {
    expect(await startAndStop()).toEqual({ how: expect.stringMatching(/^ {2}synthesized \(tsx test\/conformance\/scratch-app\/app\.ts\): nothing synthesized before, in/), greeting: 'hello' });
    expect(await startAndStop()).toEqual({ how: expect.stringMatching(/^ {2}reused the app synthesized at \S+ \(nothing it depends on changed\), in/), greeting: 'hello' });

    write('greeter.ts', answering('bonjour'));
    expect(await startAndStop()).toEqual({ how: expect.stringMatching(/^ {2}synthesized \(.*\): .*greeter\.ts changed, in/), greeting: 'bonjour' });
  });
});
