import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { FunctionSpec } from '../assembly/app-model';
import { functionAccessKeyId, functionSessionToken } from '../front-door/callers';
import type { FunctionRuntime } from './lambda-runtimes';

/** Where the emulators listen, for the front door and the runtime's own clients. */
export interface ServiceEndpoints {
  readonly dynamodb: string;
  readonly sqs: string;
  readonly kinesis: string;
  readonly secretsManager: string;
}

/**
 * The local operator's credentials, for people and tests (any access key id that no function holds is
 * the operator's). Letters and digits only: DynamoDB Local rejects other access key ids.
 */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/** The services the runtime emulates, by the name of their `AWS_ENDPOINT_URL_<SERVICE>` variable. */
export const emulatedServiceVariables = ['DYNAMODB', 'DYNAMODB_STREAMS', 'SQS', 'KINESIS', 'SECRETS_MANAGER', 'SNS', 'EVENTBRIDGE', 'LAMBDA'];

/**
 * Variables of the function's own that could lead its SDK elsewhere than the front door or to real
 * credentials: profiles, credential files and endpoints, container and web identity credentials.
 */
const escapeRoutes = /^AWS_(PROFILE|DEFAULT_PROFILE|SDK_LOAD_CONFIG|CONFIG_FILE|SHARED_CREDENTIALS_FILE|CONTAINER_.+|WEB_IDENTITY_TOKEN_FILE|ROLE_ARN|ROLE_SESSION_NAME|IGNORE_CONFIGURED_ENDPOINT_URLS|ENDPOINT_URL.*|EC2_METADATA_.+|CREDENTIAL_EXPIRATION)$/;

const logStreamName = () => {
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '/');
  return `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
};

/**
 * The environment of one execution environment, built from nothing (not inherited from the runtime's
 * own, so no credentials of this machine reach it): the function's variables, then the variables Lambda
 * itself sets, which a function cannot override: its role's own local credentials, and every AWS
 * endpoint pointing at the runtime's front door (`awsEndpoint`), with no shared config or credentials
 * file, profile, instance or container metadata that could lead anywhere else.
 */
export const environmentVariables = (
  fn: FunctionSpec,
  awsEndpoint: string,
  runtimeDirectory: string,
  runtime?: FunctionRuntime,
): Record<string, string> => ({
  PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
  LANG: 'en_US.UTF-8',
  TZ: ':UTC',
  // Lambda's module path, with the SDK its runtime provides; a function may set its own (Lambda lets it).
  ...(runtime?.nodePath && { NODE_PATH: runtime.nodePath }),
  ...Object.fromEntries(Object.entries(fn.environment).filter(([name]) => !escapeRoutes.test(name))),
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
  AWS_ACCESS_KEY_ID: functionAccessKeyId(fn.name),
  AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
  AWS_SESSION_TOKEN: functionSessionToken(fn.name),
  // Files that do not exist: the SDK reads no profile, region, endpoint or credentials of this machine's.
  AWS_CONFIG_FILE: join(runtimeDirectory, 'no-aws-config'),
  AWS_SHARED_CREDENTIALS_FILE: join(runtimeDirectory, 'no-aws-credentials'),
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
  // On another Node.js major than the function declares (the fallback), the SDK's warnings about it say nothing about Lambda.
  ...((runtime?.otherMajor ?? true) && { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }),
  AWS_ENDPOINT_URL: awsEndpoint,
  ...Object.fromEntries(emulatedServiceVariables.map((service) => [`AWS_ENDPOINT_URL_${service}`, awsEndpoint])),
});
