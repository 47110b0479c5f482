import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { FunctionSpec } from '../../local/assembly/app-model';
import { LambdaRuntimes } from '../../local/lambda/lambda-runtimes';
import { RecordingLog } from './support/recording-log';

/**
 * Choosing and installing Lambda's Node.js runtimes (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html):
 * the cases where the declared Node.js major cannot be had, and SDK packages beyond the pinned ones.
 */
jest.setTimeout(60_000);

const localMajor = Number(process.versions.node.split('.')[0]);
const otherRuntime = [22, 24].map((major) => `nodejs${major}.x`).find((runtime) => runtime !== `nodejs${localMajor}.x`)!;
const directories: string[] = [];
const temporary = (prefix: string) => {
  const directory = mkdtempSync(join(tmpdir(), prefix));
  directories.push(directory);
  return directory;
};
afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

const fn = (runtime: string, codeDirectory = temporary('runtime-code-')) => ({ runtime, codeDirectory, environment: {}, displayName: `Test/${runtime}` }) as unknown as FunctionSpec;

it("runs a function declaring this machine's Node.js major on this machine's Node.js, installing nothing", async () => {
  const log = new RecordingLog();
  const runtimes = new LambdaRuntimes(log, temporary('runtime-cache-'));
  const warnings: string[] = [];
  const same = fn(`nodejs${localMajor}.x`);
  await runtimes.prepare([same], warnings);
  expect(runtimes.runtimeOf(same)).toEqual({ execPath: process.execPath, nodePath: undefined, otherMajor: false });
  expect(warnings).toEqual([]);
  expect(log.infos).toEqual([]);
});

it("falls back to this machine's Node.js, with a warning, for a runtime it has no Node.js build for", async () => {
  const runtimes = new LambdaRuntimes(new RecordingLog(), temporary('runtime-cache-'));
  const warnings: string[] = [];
  const old = fn('nodejs18.x');
  await runtimes.prepare([old], warnings);
  expect(runtimes.runtimeOf(old)).toMatchObject({ execPath: process.execPath, otherMajor: true });
  expect(warnings).toEqual([expect.stringMatching(/^functions declaring nodejs18\.x run here on this machine's Node v/)]);
});

it("says it is installing, and falls back with a warning when the registry cannot be reached", async () => {
  const saved = { ...process.env };
  Object.assign(process.env, { npm_config_registry: 'http://127.0.0.1:9/', npm_config_cache: temporary('npm-cache-'), npm_config_fetch_retries: '0' });
  try {
    const log = new RecordingLog();
    const runtimes = new LambdaRuntimes(log, temporary('runtime-cache-'));
    const warnings: string[] = [];
    const other = fn(otherRuntime);
    await runtimes.prepare([other], warnings);
    expect(log.infos).toContainEqual(expect.stringMatching(new RegExp(`installing Node\\.js \\S+ for ${otherRuntime.replace('.', '\\.')} functions from the npm registry`)));
    expect(warnings).toEqual([
      expect.stringMatching(new RegExp(`^could not install Node\\.js \\S+ for ${otherRuntime.replace('.', '\\.')}: npm ci`)),
      expect.stringMatching(new RegExp(`^functions declaring ${otherRuntime.replace('.', '\\.')} run here on this machine's Node`)),
    ]);
    expect(runtimes.runtimeOf(other)).toMatchObject({ execPath: process.execPath, otherMajor: true });
  } finally {
    process.env = saved;
  }
});

it("installs an @aws-sdk/* package beyond the pinned ones on first need, at Lambda's release or older", async () => {
  const code = temporary('runtime-code-');
  writeFileSync(join(code, 'index.js'), 'const { SESv2Client } = require("@aws-sdk/client-sesv2");');
  const runtimes = new LambdaRuntimes(new RecordingLog());
  const needsSes = fn(`nodejs${localMajor}.x`, code);
  await runtimes.prepare([needsSes], []);
  const { nodePath } = runtimes.runtimeOf(needsSes);
  const manifest = require.resolve('@aws-sdk/client-sesv2/package.json', { paths: nodePath!.split(delimiter) });
  const release = (JSON.parse(readFileSync(join(__dirname, '../../local/lambda/runtime-packages/aws-sdk/package.json'), 'utf8')) as { dependencies: Record<string, string> })
    .dependencies['@aws-sdk/client-dynamodb']!;
  const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  expect(version.localeCompare(release, 'en', { numeric: true })).toBeLessThanOrEqual(0);
});
