import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { randomUUID } from 'node:crypto';
import { rotateKeySet } from '../../../functions/user/domain/signing-keys';
import { createServiceTable } from '../support/tables';

export const issuer = 'https://api.example.test';
export const audience = 'shop-api';
export const adminEmail = 'boss@example.test';

/** Sets up what the User service's functions read from their environment: a table and a signing key. */
export const prepareUserService = async () => {
  const tableName = await createServiceTable('users');
  const client = new SecretsManagerClient({});
  const { ARN } = await client.send(
    new CreateSecretCommand({
      Name: `signing-key-${randomUUID()}`,
      SecretString: JSON.stringify(await rotateKeySet(undefined)),
    }),
  );
  client.destroy();
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    SIGNING_KEY_SECRET_ID: ARN,
    TOKEN_ISSUER: issuer,
    TOKEN_AUDIENCE: audience,
    ADMIN_EMAILS: `${adminEmail.toUpperCase()}, other-admin@example.test`,
  });
};
