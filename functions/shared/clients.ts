import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { lazily } from './lazy';

/*
 * AWS SDK clients, created on first use and reused across invocations of an execution environment.
 * Endpoints and credentials come from the standard SDK environment (AWS_REGION,
 * AWS_ENDPOINT_URL_<SERVICE>, ...), so the same code runs on Lambda and against local emulators.
 */

export const documentClient = lazily(() =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  }),
);

export const secretsManagerClient = lazily(() => new SecretsManagerClient({}));
