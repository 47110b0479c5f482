import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SourceFiles } from '../../local/source-files';
import { type SourceWatcher, watchSources } from '../../local/watch';
import { eventually } from '../e2e/support/eventually';

/**
 * The runtime watches what `cdk watch` watches: cdk.json's `watch.include` and `watch.exclude` are globs
 * (https://docs.aws.amazon.com/cdk/v2/guide/ref-cli-cmd-watch.html; `cdk init` writes
 * `"exclude": ["README.md", "cdk*.json", "**\/*.d.ts", "**\/*.js", "tsconfig.json", "package*.json", "yarn.lock", "node_modules", "test"]`),
 * and a file saved by replacing it (written beside it and renamed over it: rename(2), as `sed -i`
 * and many editors save) is still the same source afterwards.
 */
jest.setTimeout(15_000);

/** The cdk.json `cdk init app --language typescript` writes (its watch part). */
const cdkInitWatch = {
  include: ['**'],
  exclude: ['README.md', 'cdk*.json', '**/*.d.ts', '**/*.js', 'tsconfig.json', 'package*.json', 'yarn.lock', 'node_modules', 'test'],
};

let project: string;
let watcher: SourceWatcher | undefined;
let bursts: string[][];

const write = (file: string, text: string) => {
  mkdirSync(dirname(join(project, file)), { recursive: true });
  writeFileSync(join(project, file), text);
};
/** What `sed -i` does: a new file in the same directory, renamed over the old one. */
const saveByRename = (file: string, text: string) => {
  write(`${file}.sedAbc123`, text);
  renameSync(join(project, `${file}.sedAbc123`), join(project, file));
};
const changedFiles = () => [...new Set(bursts.flat())].sort();
const watchProject = () => {
  bursts = [];
  watcher = watchSources(project, (files) => bursts.push(files));
};

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'watch-'));
  write('cdk.json', JSON.stringify({ app: 'npx ts-node bin/app.ts', watch: cdkInitWatch }));
  write('bin/app.ts', '// app');
  write('lib/stack.ts', '// stack');
  write('lib/stack.d.ts', '// declarations');
  write('lambda/handler.ts', 'export const handler = () => 1;');
  write('test/stack.test.ts', '// a test');
  write('README.md', '# readme');
});

afterEach(() => {
  watcher?.close();
  rmSync(project, { recursive: true, force: true });
});

describe('cdk.json watch patterns are globs, as `cdk watch` reads them', () => {
  it('selects the sources of a `cdk init` project: `**` minus `**/*.d.ts`, `test`, README.md', () => {
    expect(new SourceFiles(project).walk().files).toEqual(['bin/app.ts', 'cdk.json', 'lambda/handler.ts', 'lib/stack.ts']);
  });

  it('reports a change to a source, and none to an excluded file changed in the same burst', async () => {
    watchProject();
    write('lib/stack.d.ts', '// regenerated declarations');
    write('test/stack.test.ts', '// another test');
    write('lib/stack.ts', '// changed stack');
    await eventually(() => expect(changedFiles()).toEqual(['lib/stack.ts']), { intervalMs: 20 });
  });

  it('reports cdk.json, which the app command and context come from, even when the patterns exclude it', async () => {
    watchProject();
    write('cdk.json', JSON.stringify({ app: 'npx tsx bin/app.ts', watch: cdkInitWatch }));
    await eventually(() => expect(changedFiles()).toEqual(['cdk.json']), { intervalMs: 20 });
  });

  it('narrows to the included directories with `dir/**` patterns', () => {
    write('cdk.json', JSON.stringify({ watch: { include: ['lib/**', 'lambda/*.ts'] } }));
    write('lambda/nested/deeper.ts', '// not matched by lambda/*.ts');
    expect(new SourceFiles(project).walk().files).toEqual(['cdk.json', 'lambda/handler.ts', 'lib/stack.d.ts', 'lib/stack.ts']);
  });
});

describe('a file saved by renaming a new file over it keeps being watched', () => {
  it('reports the rename save as a change of the file, not of the temporary file', async () => {
    watchProject();
    saveByRename('lambda/handler.ts', 'export const handler = () => 2;');
    await eventually(() => expect(changedFiles()).toEqual(['lambda/handler.ts']), { intervalMs: 20 });
  });

  it('reports later in-place saves of a file that was replaced by a rename', async () => {
    watchProject();
    saveByRename('lambda/handler.ts', 'export const handler = () => 2;');
    await eventually(() => expect(bursts).toHaveLength(1), { intervalMs: 20 });
    write('lambda/handler.ts', 'export const handler = () => 3;');
    await eventually(() => expect(bursts).toEqual([['lambda/handler.ts'], ['lambda/handler.ts']]), { intervalMs: 20 });
    saveByRename('lambda/handler.ts', 'export const handler = () => 4;');
    write('lambda/handler.ts', 'export const handler = () => 5;');
    await eventually(() => expect(bursts.length).toBeGreaterThanOrEqual(3), { intervalMs: 20 });
    expect(changedFiles()).toEqual(['lambda/handler.ts']);
  });

  it('reports files of a new directory, and a deleted file', async () => {
    watchProject();
    write('lambda/orders/place-order.ts', 'export const handler = () => 1;');
    rmSync(join(project, 'lib/stack.ts'));
    await eventually(() => expect(changedFiles()).toEqual(['lambda/orders/place-order.ts', 'lib/stack.ts']), { intervalMs: 20 });
    write('lambda/orders/place-order.ts', 'export const handler = () => 2;');
    await eventually(() => expect(bursts.flat().filter((file) => file === 'lambda/orders/place-order.ts').length).toBeGreaterThanOrEqual(2), {
      intervalMs: 20,
    });
  });
});
