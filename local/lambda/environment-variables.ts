import { randomBytes } from 'node:crypto';
import type { FunctionSpec } from '../assembly/app-model';
import type { FunctionRuntime } from './lambda-runtimes';

/** Where the functions' AWS SDK clients find the emulators: the SDK's own `AWS_ENDPOINT_URL_<SERVICE>` settings. */
export interface ServiceEndpoints {
  readonly dynamodb: string;
  readonly sqs: string;
  readonly kinesis: string;
  readonly secretsManager: string;
}

/** Letters and digits only: DynamoDB Local rejects other access key ids. */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

const logStreamName = () => {
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '/');
  return `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
};

/**
 * The environment of one execution environment, built from nothing (not inherited from the runtime's
 * own): the function's variables, then the variables Lambda itself sets, which a function cannot
 * override, and the SDK endpoint variables that point its clients at the emulators.
 */
export const environmentVariables = (
  fn: FunctionSpec,
  endpoints: ServiceEndpoints,
  runtimeDirectory: string,
  runtime?: FunctionRuntime,
): Record<string, string> => ({
  PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
  LANG: 'en_US.UTF-8',
  TZ: ':UTC',
  // Lambda's module path, with the SDK its runtime provides; a function may set its own (Lambda lets it).
  ...(runtime?.nodePath && { NODE_PATH: runtime.nodePath }),
  ...fn.environment,
  _HANDLER: fn.handler,
  LAMBDA_TASK_ROOT: fn.codeDirectory,
  LAMBDA_RUNTIME_DIR: runtimeDirectory,
  AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
  AWS_LAMBDA_FUNCTION_NAME: fn.name,
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
  AWS_LAMBDA_LOG_GROUP_NAME: fn.logGroupName,
  AWS_LAMBDA_LOG_STREAM_NAME: logStreamName(),
  AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
  ...(fn.logFormat === 'JSON' && { AWS_LAMBDA_LOG_FORMAT: 'JSON' }),
  ...(fn.applicationLogLevel && { AWS_LAMBDA_LOG_LEVEL: fn.applicationLogLevel }),
  AWS_REGION: fn.region,
  AWS_DEFAULT_REGION: fn.region,
  AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
  AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
  // On another Node.js major than the function declares (the fallback), the SDK's warnings about it say nothing about Lambda.
  ...((runtime?.otherMajor ?? true) && { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }),
  AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
  AWS_ENDPOINT_URL_DYNAMODB_STREAMS: endpoints.dynamodb,
  AWS_ENDPOINT_URL_SQS: endpoints.sqs,
  AWS_ENDPOINT_URL_KINESIS: endpoints.kinesis,
  AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secretsManager,
});
