import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { decodeJwt } from 'jose';
import { AccountExistsError, createAdmin } from '../../../functions/user/admin-accounts';
import { handler as login } from '../../../functions/user/handlers/login';
import { handler as register } from '../../../functions/user/handlers/register';
import { DynamoDbUserStore } from '../../../functions/user/store-dynamodb';
import { invoke } from '../support/http-event';
import { prepareUserService } from './user-environment';

/**
 * The operator's path to admins (`npm run admin -- create|grant|revoke`, scripts/admin.ts): never a
 * public route, and never taking over an account someone registered.
 */

const projectDirectory = join(__dirname, '../../..');
const password = 'correct horse battery';
let tableName: string;
let documents: DynamoDBDocumentClient;
let sequence = 0;

beforeAll(async () => {
  ({ tableName } = await prepareUserService());
  documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
});

afterAll(() => documents.destroy());

const newEmail = () => `account${++sequence}.${Date.now()}@example.test`;
const registered = async (email: string) => expect((await invoke(register, { method: 'POST', body: { email, password, name: 'Cass' } })).status).toBe(201);
const rolesInNextToken = async (email: string, withPassword = password) =>
  decodeJwt((await invoke(login, { method: 'POST', body: { email, password: withPassword } })).body.accessToken).roles;

/**
 * Runs `npm run admin -- <args>` against the tests' DynamoDB Local (the environment's endpoint) and the
 * tests' table, without an ADMIN_PASSWORD (another project's setup may have set one).
 */
const adminCommand = (...args: string[]) => {
  const { ADMIN_PASSWORD: _set, ...env } = process.env;
  return promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args, '--table', tableName], { cwd: projectDirectory, env });
};

describe('npm run admin', () => {
  it('creates an admin whose token carries the admin role', async () => {
    const email = newEmail();
    const { stdout } = await adminCommand('create', email);
    const shown = /Password \(shown once, here only\): (\S+)/.exec(stdout)?.[1];
    expect(shown).toBeDefined();
    expect(await rolesInNextToken(email, shown)).toEqual(['customer', 'admin']);
  });

  it('grants and revokes the admin role of a registered account', async () => {
    const email = newEmail();
    await registered(email);
    expect((await adminCommand('grant', email)).stdout).toContain('roles customer -> customer, admin');
    expect(await rolesInNextToken(email)).toEqual(['customer', 'admin']);
    expect((await adminCommand('revoke', email)).stdout).toContain('roles customer, admin -> customer');
    expect(await rolesInNextToken(email)).toEqual(['customer']);
  });

  it('fails, naming the email, for an account that does not exist', async () => {
    const email = newEmail();
    await expect(adminCommand('grant', email)).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining(`No account has the email ${email}.`) });
  });
});

describe('createAdmin', () => {
  it('never takes over an account someone registered: it stays a customer, with its own password', async () => {
    const email = newEmail();
    await registered(email);
    const store = new DynamoDbUserStore(documents, tableName);
    await expect(createAdmin(store, { email, name: 'Mallory', password: 'the operator chose this' })).rejects.toBeInstanceOf(AccountExistsError);
    expect(await rolesInNextToken(email)).toEqual(['customer']);
  });
});
