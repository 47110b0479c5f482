import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Stage } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { readCloudAssembly } from '../../local/assembly/cloud-assembly';

/**
 * Reading a synthesized app with the CDK's cloud assembly API (https://docs.aws.amazon.com/cdk/v2/guide/apps.html#apps-cloud-assembly):
 * the stacks of Stages, Stages in Stages (https://docs.aws.amazon.com/cdk/v2/guide/stages.html), each
 * stack's name and environment, and where each asset lies.
 */
const local = { region: 'us-east-1', account: '000000000000' };
const directories: string[] = [];

afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

const synthesize = (build: (app: App) => void) => {
  const outdir = mkdtempSync(join(tmpdir(), 'cloud-assembly-'));
  directories.push(outdir);
  const app = new App({ outdir, builtinCloudFormationValidation: false });
  build(app);
  app.synth();
  return outdir;
};

it('reads the stacks of a Stage in a Stage, each under its stackName, with its region and the local account', () => {
  const code = mkdtempSync(join(tmpdir(), 'cloud-assembly-code-'));
  directories.push(code);
  writeFileSync(join(code, 'index.js'), 'exports.handler = async () => "ok";');
  const outdir = synthesize((app) => {
    new Stack(app, 'Top').node.addMetadata('kept', true);
    const pipeline = new Stage(app, 'Pipeline');
    const production = new Stage(pipeline, 'Production', { env: { account: '111111111111', region: 'eu-west-1' } });
    const api = new Stack(production, 'Api', { stackName: 'production-api' });
    new sqs.Queue(api, 'Jobs');
    new lambda.Function(api, 'Handler', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset(code) });
  });

  const assembly = readCloudAssembly(outdir, local);
  expect(assembly.stacks.map(({ name, region, account, declaredAccount, displayName }) => ({ name, region, account, declaredAccount, displayName }))).toEqual([
    { name: 'Top', region: 'us-east-1', account: '000000000000', declaredAccount: undefined, displayName: 'Top' },
    { name: 'production-api', region: 'eu-west-1', account: '000000000000', declaredAccount: '111111111111', displayName: 'Pipeline/Production/Api (production-api)' },
  ]);
  const handler = Object.values(assembly.stacks[1]!.template.Resources ?? {}).find((resource) => resource.Type === 'AWS::Lambda::Function')!;
  const objectKey = (handler.Properties!.Code as { S3Key: string }).S3Key;
  expect(assembly.assetPaths.get(objectKey)).toMatch(/asset\.[0-9a-f]+$/);
});

it('refuses an app without a stack, saying so', () => {
  const outdir = synthesize((app) => new Stage(app, 'Empty'));
  expect(() => readCloudAssembly(outdir, local)).toThrow(/synthesized no stack/);
});

it('refuses two stacks of one name, which would share names in the one local account', () => {
  const outdir = synthesize((app) => {
    new Stack(new Stage(app, 'Blue'), 'Api', { stackName: 'api' });
    new Stack(new Stage(app, 'Green'), 'Api', { stackName: 'api' });
  });
  expect(() => readCloudAssembly(outdir, local)).toThrow(/Blue\/Api \(api\), Green\/Api \(api\) share the name api/);
});
