import { join } from 'node:path';
import { startLocalRuntime } from '../../local/runtime';
import type { PlainAppContext } from './conformance-context';
import { anyAppCases } from './plain-any-app.cases';
import { functionUrlCases } from './plain-function-urls.cases';
import { lambdaRuntimeCases } from './plain-lambda-runtimes.cases';
import { restApiCases } from './plain-rest-api.cases';
import { plainMessagingCases } from './plain-messaging.cases';
import { RecordingLog } from './support/recording-log';

/**
 * The local runtime against a CDK app written as the CDK's own docs write one (test/conformance/plain-app):
 * a Stage with a stackName, NodejsFunctions with default options (the SDK left to the Lambda runtime),
 * a REST API with Lambda authorizers, function URLs, functions on each Node.js runtime, SNS and
 * EventBridge. One synthesis, one runtime for every case.
 */
let plain: PlainAppContext | undefined;
const context = () => plain!;

beforeAll(async () => {
  const log = new RecordingLog();
  // IAM as it runs by default: function URLs with AWS_IAM ask it too.
  const runtime = await startLocalRuntime({ projectDirectory: join(__dirname, '../..'), app: 'tsx test/conformance/plain-app/app.ts', port: 0, log });
  plain = { runtime, log };
  // The first run after `npm ci` installs the Node.js builds and the SDK from the registry.
}, 180_000);

afterAll(() => plain?.runtime.stop());

anyAppCases(context);
lambdaRuntimeCases(context);
restApiCases(context);
functionUrlCases(context);
plainMessagingCases(context);

describe('Start-up and running', () => {
  it('runs the plain app with no warning left unexplained', () => {
    expect(context().runtime.model.warnings).toEqual([]);
    expect(context().log.warnings).toEqual([]);
  });
});
