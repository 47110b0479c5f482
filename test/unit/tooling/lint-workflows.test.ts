import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const lintWorkflows = (dir?: string) =>
  spawnSync(process.execPath, [join(__dirname, '../../../scripts/lint-workflows.mjs'), ...(dir ? [dir] : [])], {
    encoding: 'utf8',
  });

describe('the workflow linter', () => {
  it('passes the repository workflows', () => {
    const result = lintWorkflows();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('fails a workflow with a broken expression', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workflows-'));
    writeFileSync(
      join(dir, 'broken.yml'),
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_thing }}\n',
    );
    const result = lintWorkflows(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/broken\.yml:6:.*no_such_thing/);
  });
});
