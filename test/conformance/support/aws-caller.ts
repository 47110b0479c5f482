import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { localCredentials } from '../../../local/lambda/environment-variables';
import type { LocalRuntime } from '../../../local/runtime';
import type { RecordingLog } from './recording-log';
import type { AwsCall } from '../handlers/aws-caller';

export interface CallerAnswer {
  readonly ok: boolean;
  readonly output?: Record<string, unknown>;
  readonly error?: { name: string; message: string; status: number; attempts: number };
}

/** The local operator's Lambda client at the runtime's AWS front door. */
export const operatorLambda = (runtime: LocalRuntime) =>
  new LambdaClient({ endpoint: runtime.awsEndpoint, region: runtime.region, credentials: localCredentials });

/** Has the conformance app's AwsCaller function make one AWS call (as its role), through Lambda's Invoke. */
export const callAsFunction = async (lambda: LambdaClient, functionName: string, request: AwsCall): Promise<CallerAnswer> => {
  const { Payload, FunctionError } = await lambda.send(new InvokeCommand({ FunctionName: functionName, Payload: JSON.stringify(request) }));
  const answer = JSON.parse(Buffer.from(Payload!).toString('utf8')) as CallerAnswer;
  if (FunctionError) throw new Error(`AwsCaller failed: ${JSON.stringify(answer)}`);
  return answer;
};

/** Removes and returns the runtime's warning that matches: a case that expects one takes it, so that others stay unexpected. */
export const takeWarning = (log: RecordingLog, pattern: RegExp): string => {
  const index = log.warnings.findIndex((warning) => pattern.test(warning));
  if (index < 0) throw new Error(`No warning matches ${pattern}: ${JSON.stringify(log.warnings)}`);
  return log.warnings.splice(index, 1)[0]!;
};
