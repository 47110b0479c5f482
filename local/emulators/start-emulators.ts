import type { ServiceEndpoints } from '../lambda/environment-variables';
import { startDynamoDbLocal } from './dynamodb-local';
import { startKinesis } from './kinesis';
import { type RotationInvoker, type SecretsManagerState, startSecretsManager } from './secrets-manager';
import { startSqs } from './sqs';

export interface RunningEmulators {
  readonly endpoints: ServiceEndpoints;
  readonly secrets: SecretsManagerState;
  stop(): Promise<void>;
}

/**
 * Starts every emulator at once (each takes a second or two; they start while the app synthesizes).
 * If one fails, the others are stopped again.
 */
export const startEmulators = async (options: {
  region: string;
  accountId: string;
  invokeRotation: RotationInvoker;
  /** What queue URLs name: the front door. */
  queueUrlBase?: string;
}): Promise<RunningEmulators> => {
  const starting = [
    startDynamoDbLocal(),
    startSqs({ queueUrlBase: options.queueUrlBase }),
    startKinesis(options),
    startSecretsManager({ region: options.region, accountId: options.accountId, invokeRotation: options.invokeRotation }),
  ] as const;
  const results = await Promise.allSettled(starting);
  const started = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stop = async () => void (await Promise.all(started.map((emulator) => emulator.stop())));
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) {
    await stop();
    throw failure.reason;
  }
  const [dynamodb, sqs, kinesis, secretsManager] = await Promise.all(starting);
  return {
    endpoints: { dynamodb: dynamodb.endpoint, sqs: sqs.endpoint, kinesis: kinesis.endpoint, secretsManager: secretsManager.endpoint },
    secrets: secretsManager.state,
    stop,
  };
};
