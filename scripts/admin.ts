/**
 * `npm run admin -- <create|grant|revoke> <email> [--name <name>] [--table <Users table>]`: what an
 * operator does about admins, with AWS credentials (the caller's AWS_PROFILE / AWS_REGION), never
 * through the public API:
 * - `create` makes a new account with the admin role. Its password is ADMIN_PASSWORD if set, else a
 *   generated one printed once, here; an existing account is never taken over.
 * - `grant` / `revoke` give or take the admin role of an existing account. Tokens issued before keep
 *   their roles until they expire (15 minutes).
 * The Users table is found in the deployed UserService stack unless `--table` names it; against `npm
 * start`'s emulators, set AWS_ENDPOINT_URL_DYNAMODB (printed at start-up) and `--table`.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAdmin, grantAdmin, revokeAdmin } from '../functions/user/admin-accounts';
import { DynamoDbUserStore } from '../functions/user/store-dynamodb';
import { physicalIdOf } from './operator/stack-resources';

const usage = 'Usage: npm run admin -- <create|grant|revoke> <email> [--name <name>] [--table <Users table name>]';

const main = async () => {
  // The lock file pins SDK releases that support Node 20; their reminder about later ones is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { name: { type: 'string' }, table: { type: 'string' } } });
  const [action, email] = positionals;
  if (!action || !email || !['create', 'grant', 'revoke'].includes(action)) throw new Error(usage);
  const tableName = values.table ?? (await physicalIdOf('UserService', 'Users', 'AWS::DynamoDB::Table'));
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const store = new DynamoDbUserStore(documents, tableName);
  try {
    if (action === 'create') {
      const password = process.env.ADMIN_PASSWORD ?? randomBytes(18).toString('base64url');
      const user = await createAdmin(store, { email, name: values.name ?? 'Admin', password });
      console.log(`Created the admin ${user.email} (userId ${user.userId}).`);
      if (!process.env.ADMIN_PASSWORD) console.log(`Password (shown once, here only): ${password}`);
    } else {
      const { user, before } = action === 'grant' ? await grantAdmin(store, email) : await revokeAdmin(store, email);
      console.log(`${user.email} (userId ${user.userId}): roles ${before.join(', ')} -> ${user.roles.join(', ')}.`);
      if (action === 'revoke') console.log('Tokens issued before keep the admin role until they expire: 15 minutes at most.');
    }
  } finally {
    documents.destroy();
  }
};

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
