import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { emulatedServiceVariables, localCredentials } from './lambda/environment-variables';

/**
 * The standard AWS variables that make the AWS CLI and any SDK talk to the running runtime: every
 * endpoint is its front door (which routes each call to its emulator, or answers it, starting an
 * emulator on its first call), with the local operator's dummy credentials (any key no function holds
 * is the operator, whom IAM allows everything) and the region.
 */
export const awsEnvironment = (runtime: { awsEndpoint: string; region: string }): Record<string, string> => ({
  AWS_ENDPOINT_URL: runtime.awsEndpoint,
  ...Object.fromEntries(emulatedServiceVariables.map((service) => [`AWS_ENDPOINT_URL_${service}`, runtime.awsEndpoint])),
  AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
  AWS_REGION: runtime.region,
  AWS_DEFAULT_REGION: runtime.region,
});

/** Variables of a developer's shell that would take the AWS CLI elsewhere than those credentials. */
const unset = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SESSION_TOKEN'];

/** Writes `environment` as a file for `source` (POSIX shells): `export NAME=value` lines. */
export const writeAwsEnv = (file: string, environment: Record<string, string>, comment: string): string => {
  const text = [
    `# ${comment}`,
    ...Object.entries(environment).map(([name, value]) => `export ${name}=${value}`),
    `unset ${unset.join(' ')}`,
    '',
  ].join('\n');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return text;
};

/** Removes the file at stop, unless another runtime has written its own since. */
export const removeAwsEnv = (file: string, written: string): void => {
  if (existsSync(file) && readFileSync(file, 'utf8') === written) rmSync(file);
};
