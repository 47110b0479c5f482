import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localCredentials } from '../../../local/lambda/environment-variables';
import { prettyLog } from '../../../local/logs/pretty-log';
import { type LocalRuntime, startLocalRuntime } from '../../../local/runtime';
import { seedAdmin } from '../../../local/seed-admin';
import { localPrefix } from './sdk-environment';

/** The admin the local run seeds; against another target, ADMIN_EMAIL and ADMIN_PASSWORD name one. */
const localAdmin = { email: 'e2e-admin@example.com', password: 'e2e-admin-password' };

/**
 * Starts the app once for the e2e suite on the local runtime, unless API_URL names a target already
 * (LocalStack, a deployed stage). Test workers inherit API_URL, the admin's credentials and the
 * standard SDK environment that points clients at the runtime's AWS front door (for tests that look
 * into a queue or a table), and CONSOLE_URL, the runtime's console with its token (for the browser tests).
 */
export default async function globalSetup() {
  if (process.env.API_URL) return;
  const logFile = join(tmpdir(), `e2e-local-runtime-${process.pid}.log`);
  const logStream = createWriteStream(logFile);
  const runtime = await startLocalRuntime({
    projectDirectory: join(__dirname, '../../..'),
    port: 0,
    context: { paymentProvider: 'simulator' },
    log: prettyLog((text) => logStream.write(text), false),
    // For the console's browser tests (test/e2e/console), on this same runtime.
    console: true,
  });
  await seedAdmin(runtime, localAdmin);
  Object.assign(process.env, {
    API_URL: runtime.url,
    ADMIN_EMAIL: localAdmin.email,
    ADMIN_PASSWORD: localAdmin.password,
    CONSOLE_URL: runtime.console!.url,
    // For tests that start a variant of the app from the same cloud assembly, without synthesizing it again.
    E2E_CLOUD_ASSEMBLY: runtime.assemblyDirectory,
    // Not the SDK's own names: other projects' global setups set those for their emulators, in this
    // same process. sdk-environment.ts gives them their usual names inside e2e test files only.
    [`${localPrefix}AWS_REGION`]: runtime.region,
    [`${localPrefix}AWS_ACCESS_KEY_ID`]: localCredentials.accessKeyId,
    [`${localPrefix}AWS_SECRET_ACCESS_KEY`]: localCredentials.secretAccessKey,
    // The runtime's AWS front door, as the local operator (whom IAM lets do everything): a queue policy a test sets is enforced.
    [`${localPrefix}AWS_ENDPOINT_URL`]: runtime.awsEndpoint,
    [`${localPrefix}AWS_ENDPOINT_URL_DYNAMODB`]: runtime.awsEndpoint,
    [`${localPrefix}AWS_ENDPOINT_URL_SQS`]: runtime.awsEndpoint,
    [`${localPrefix}AWS_ENDPOINT_URL_KINESIS`]: runtime.awsEndpoint,
    [`${localPrefix}AWS_ENDPOINT_URL_SECRETS_MANAGER`]: runtime.awsEndpoint,
  });
  (globalThis as { e2eRuntime?: { runtime: LocalRuntime; close: () => void } }).e2eRuntime = { runtime, close: () => logStream.end() };
  console.log(`\ne2e: the app runs locally at ${runtime.url} (function logs: ${logFile})`);
}
