import { startDynamoDbLocal } from '../../../local/emulators/dynamodb-local';
import { startSecretsManager } from '../../../local/emulators/secrets-manager';
import { startSqs } from '../../../local/emulators/sqs';
import { startKinesisEmulator } from './kinesis-emulator';

/**
 * Starts the emulators the handler tests talk to, once for the run. Test workers inherit the
 * standard SDK environment set here, exactly as Lambda functions get it from the local runtime.
 */
export default async function globalSetup() {
  const [dynamodb, secretsManager, sqs, kinesis] = await Promise.all([
    startDynamoDbLocal(),
    startSecretsManager({}),
    startSqs(),
    startKinesisEmulator(),
  ]);
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'handlertests',
    AWS_SECRET_ACCESS_KEY: 'handlertests',
    AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.endpoint,
    AWS_ENDPOINT_URL_SQS: sqs.endpoint,
    AWS_ENDPOINT_URL_KINESIS: kinesis.endpoint,
  });
  (globalThis as { handlerTestEmulators?: unknown }).handlerTestEmulators = [dynamodb, secretsManager, sqs, kinesis];
}
