import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sdkPackagesExpectedFromRuntime } from '../../../local/lambda/sdk-references';

const directories: string[] = [];
afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

const codeDirectory = (files: Record<string, string>) => {
  const directory = mkdtempSync(join(tmpdir(), 'sdk-references-'));
  directories.push(directory);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(directory, path, '..'), { recursive: true });
    writeFileSync(join(directory, path), content);
  }
  return directory;
};

describe('the AWS SDK packages a function expects from the Lambda runtime', () => {
  it('are the @aws-sdk/* packages its code requires or imports without carrying them', () => {
    const directory = codeDirectory({
      'index.js': 'const { DynamoDBClient } = require("@aws-sdk/client-dynamodb");\nconst lib = require( "@aws-sdk/lib-dynamodb/dist-cjs/index.js" );',
      'other.mjs': "import { SQSClient } from '@aws-sdk/client-sqs';\nconst later = () => import('@aws-sdk/client-s3');",
      'README.md': 'require("@aws-sdk/client-sns")',
    });
    expect(sdkPackagesExpectedFromRuntime(directory)).toEqual(['@aws-sdk/client-dynamodb', '@aws-sdk/client-s3', '@aws-sdk/client-sqs', '@aws-sdk/lib-dynamodb']);
  });

  it('leave out what the code brings in its own node_modules, and what is only mentioned', () => {
    const directory = codeDirectory({
      'index.js': '// bundled from node_modules/@aws-sdk/client-kinesis/dist-cjs/index.js\nrequire("@aws-sdk/client-sqs");',
      'node_modules/@aws-sdk/client-sqs/index.js': 'module.exports = {};',
    });
    expect(sdkPackagesExpectedFromRuntime(directory)).toEqual([]);
  });
});
