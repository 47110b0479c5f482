import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { createAdmin } from '../../../functions/user/admin-accounts';
import { publicKeySet, rotateKeySet } from '../../../functions/user/domain/signing-keys';
import { DynamoDbUserStore } from '../../../functions/user/store-dynamodb';
import { createServiceTable } from '../support/tables';

export const issuer = 'https://api.example.test';
export const audience = 'shop-api';

/**
 * Sets up what the User service's functions read from their environment: a table, the signing keys
 * and their public halves, as the rotation leaves them.
 */
export const prepareUserService = async () => {
  const tableName = await createServiceTable('users');
  const client = new SecretsManagerClient({});
  const keySet = await rotateKeySet(undefined);
  const secret = (name: string, value: unknown) =>
    client.send(new CreateSecretCommand({ Name: `${name}-${randomUUID()}`, SecretString: JSON.stringify(value) })).then(({ ARN }) => ARN);
  const [signing, verification] = await Promise.all([secret('signing-key', keySet), secret('verification-keys', publicKeySet(keySet))]);
  client.destroy();
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    SIGNING_KEY_SECRET_ID: signing,
    VERIFICATION_KEYS_SECRET_ID: verification,
    TOKEN_ISSUER: issuer,
    TOKEN_AUDIENCE: audience,
  });
  return { tableName, keySet };
};

/** An admin made the way an operator makes one (`npm run admin -- create`), in the given table. */
export const operatorMadeAdmin = async (tableName: string) => {
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  try {
    const account = { email: `admin-${randomUUID()}@example.test`, name: 'Operator-made admin', password: 'a long admin passphrase' };
    return { ...account, user: await createAdmin(new DynamoDbUserStore(documents, tableName), account) };
  } finally {
    documents.destroy();
  }
};
