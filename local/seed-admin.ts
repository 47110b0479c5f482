import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AccountExistsError, createAdmin } from '../functions/user/admin-accounts';
import { DynamoDbUserStore } from '../functions/user/store-dynamodb';
import type { TableSpec } from './assembly/app-model';
import { localCredentials, type ServiceEndpoints } from './lambda/environment-variables';

/** The admin account a local run starts with. */
export interface AdminAccount {
  readonly email: string;
  readonly password: string;
}

export const defaultAdmin: AdminAccount = { email: 'admin@example.com', password: 'local-admin-password' };

/** Where an app runs locally: enough of a LocalRuntime to reach its tables. */
export interface LocalTables {
  readonly model: { readonly tables: readonly TableSpec[] };
  readonly endpoints: Pick<ServiceEndpoints, 'dynamodb'>;
  readonly region: string;
}

/**
 * Creates the admin the way an operator does on AWS (`npm run admin -- create`, through the same
 * code), in the app's Users table in the emulators: no public route makes an admin. An app without a
 * UserService stack gets none (undefined).
 */
export const seedAdmin = async (runtime: LocalTables, admin: AdminAccount): Promise<'created' | 'existed' | undefined> => {
  const usersTable = runtime.model.tables.find((table) => table.key.startsWith('UserService/'));
  if (!usersTable) return undefined;
  const documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: runtime.region, endpoint: runtime.endpoints.dynamodb, credentials: localCredentials }),
  );
  try {
    await createAdmin(new DynamoDbUserStore(documents, usersTable.name), { ...admin, name: 'Admin' });
    return 'created';
  } catch (error) {
    if (error instanceof AccountExistsError) return 'existed';
    throw error;
  } finally {
    documents.destroy();
  }
};
