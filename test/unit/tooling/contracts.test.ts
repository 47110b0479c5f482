import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/*
 * The API's two machine-readable contracts, checked with their own tools: the protobuf definitions
 * with buf (lint, breaking changes against the main branch, the generated code up to date) and the
 * OpenAPI document with Redocly's recommended rules. Both tools come from the npm registry.
 */
const root = join(__dirname, '../../..');
const bin = (name: string) => join(root, 'node_modules/.bin', name);
const run = (command: string, args: string[], cwd = root) => {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}`, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
};

const temporaryDirectory = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
const filesUnder = (directory: string): string[] =>
  readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(directory, join(entry.parentPath, entry.name)))
    .sort();

/** The main branch's protobuf module (buf.yaml and proto/), in a directory of its own; undefined if it has none yet. */
const mainBranchContract = (): string | undefined => {
  const ref = ['main', 'origin/main'].find((candidate) => spawnSync('git', ['rev-parse', '--verify', '--quiet', candidate], { cwd: root }).status === 0);
  if (!ref) throw new Error('Neither main nor origin/main exists: fetch the main branch (git fetch origin main:main) to compare the protobuf contract with it');
  const listed = execFileSync('git', ['ls-tree', '--name-only', ref, 'buf.yaml', 'proto'], { cwd: root, encoding: 'utf8' }).trim();
  if (!listed.includes('proto')) return undefined;
  const directory = temporaryDirectory('proto-main-');
  execFileSync('sh', ['-c', `git archive ${ref} buf.yaml proto | tar -x -C ${directory}`], { cwd: root });
  return directory;
};

describe('the protobuf contract (proto/)', () => {
  it('passes buf lint', () => {
    expect(run(bin('buf'), ['lint'])).toEqual({ status: 0, output: '' });
  });

  it('makes no breaking change against the main branch', () => {
    const main = mainBranchContract();
    if (!main) {
      console.warn('The main branch has no protobuf contract yet: nothing to compare with.');
      return;
    }
    try {
      expect(run(bin('buf'), ['breaking', '--against', main])).toEqual({ status: 0, output: '' });
    } finally {
      rmSync(main, { recursive: true, force: true });
    }
  });

  it('counts a renumbered field as a breaking change', () => {
    const changed = temporaryDirectory('proto-changed-');
    try {
      cpSync(join(root, 'proto'), join(changed, 'proto'), { recursive: true });
      cpSync(join(root, 'buf.yaml'), join(changed, 'buf.yaml'));
      const file = join(changed, 'proto/shop/v1/order.proto');
      writeFileSync(file, readFileSync(file, 'utf8').replace('string payment_token = 2;', 'string payment_token = 9;'));
      const result = run(bin('buf'), ['breaking', changed, '--against', root]);
      expect(result.status).not.toBe(0);
      expect(result.output).toMatch(/field "2" with name "payment_token"/);
    } finally {
      rmSync(changed, { recursive: true, force: true });
    }
  });

  it('has its generated code (functions/shared/gen) up to date: run `npm run generate:rpc` after changing it', () => {
    const generated = temporaryDirectory('proto-gen-');
    try {
      const template = readFileSync(join(root, 'buf.gen.yaml'), 'utf8').replace('out: functions/shared/gen', `out: ${generated}`);
      expect(run(bin('buf'), ['generate', '--template', template])).toEqual({ status: 0, output: '' });
      const committed = join(root, 'functions/shared/gen');
      expect(filesUnder(generated)).toEqual(filesUnder(committed));
      for (const file of filesUnder(committed)) expect([file, readFileSync(join(generated, file), 'utf8')]).toEqual([file, readFileSync(join(committed, file), 'utf8')]);
    } finally {
      rmSync(generated, { recursive: true, force: true });
    }
  });
});

describe('the OpenAPI document (docs/openapi.json)', () => {
  it("passes Redocly's recommended rules with no warning", () => {
    const result = run(bin('redocly'), ['lint', 'docs/openapi.json', '--format=stylish']);
    expect(result.status).toBe(0);
    expect(result.output).toContain('Your API description is valid');
    expect(result.output).not.toMatch(/You have \d+ warning/);
  });

  it('gives the e2e client its types (openapi-typescript): run `npm run openapi` after changing it', () => {
    const generated = temporaryDirectory('openapi-types-');
    try {
      const output = join(generated, 'api-types.ts');
      expect(run(bin('openapi-typescript'), ['docs/openapi.json', '--output', output]).status).toBe(0);
      expect(readFileSync(output, 'utf8')).toBe(readFileSync(join(root, 'test/e2e/support/api-types.ts'), 'utf8'));
    } finally {
      rmSync(generated, { recursive: true, force: true });
    }
  });
});
