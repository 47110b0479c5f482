import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appDirectory } from '../../../local/app-directory';

describe('the CDK app npm start runs', () => {
  const project = '/the/runtime/project';
  let elsewhere: string;

  beforeAll(() => {
    elsewhere = mkdtempSync(join(tmpdir(), 'app-directory-'));
  });
  afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

  it('is the app of the directory npm was started from, when it has a cdk.json', () => {
    writeFileSync(join(elsewhere, 'cdk.json'), '{"app":"npx tsx app.ts"}');
    expect(appDirectory(elsewhere, project)).toBe(elsewhere);
  });

  it("is this project's app when npm was started elsewhere without a cdk.json, or not by npm", () => {
    expect(appDirectory(tmpdir(), project)).toBe(project);
    expect(appDirectory(undefined, project)).toBe(project);
  });
});
