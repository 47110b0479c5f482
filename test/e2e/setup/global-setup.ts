import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localCredentials } from '../../../local/lambda/environment-variables';
import { prettyLog } from '../../../local/logs/pretty-log';
import { type LocalRuntime, startLocalRuntime } from '../../../local/runtime';
import { seedAdmin } from '../../../local/seed-admin';

/** The admin the local run seeds; against another target, ADMIN_EMAIL and ADMIN_PASSWORD name one. */
const localAdmin = { email: 'e2e-admin@example.com', password: 'e2e-admin-password' };

/**
 * Starts the app once for the e2e suite on the local runtime, unless API_URL names a target already
 * (LocalStack, a deployed stage). Test workers inherit API_URL, the admin's credentials and the
 * standard SDK environment that points clients at the runtime's emulators (for tests that look
 * into a queue or a table).
 */
export default async function globalSetup() {
  if (process.env.API_URL) return;
  const logFile = join(tmpdir(), 'e2e-local-runtime.log');
  const logStream = createWriteStream(logFile);
  const runtime = await startLocalRuntime({
    projectDirectory: join(__dirname, '../../..'),
    port: 0,
    context: { adminEmails: [localAdmin.email] },
    log: prettyLog((text) => logStream.write(text), false),
  });
  await seedAdmin(runtime.url, localAdmin);
  Object.assign(process.env, {
    API_URL: runtime.url,
    ADMIN_EMAIL: localAdmin.email,
    ADMIN_PASSWORD: localAdmin.password,
    AWS_REGION: runtime.region,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: runtime.endpoints.dynamodb,
    AWS_ENDPOINT_URL_SQS: runtime.endpoints.sqs,
    AWS_ENDPOINT_URL_KINESIS: runtime.endpoints.kinesis,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: runtime.endpoints.secretsManager,
  });
  (globalThis as { e2eRuntime?: { runtime: LocalRuntime; close: () => void } }).e2eRuntime = { runtime, close: () => logStream.end() };
  console.log(`\ne2e: the app runs locally at ${runtime.url} (function logs: ${logFile})`);
}
