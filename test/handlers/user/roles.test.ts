import '../observability/verbose-powertools';
import { decodeJwt } from 'jose';
import { handler as getMe } from '../../../functions/user/handlers/get-me';
import { handler as login } from '../../../functions/user/handlers/login';
import { handler as register } from '../../../functions/user/handlers/register';
import { handler as setRoles } from '../../../functions/user/handlers/set-roles';
import { captureOutput, jsonLines } from '../support/captured-output';
import { invoke } from '../support/http-event';
import { operatorMadeAdmin, prepareUserService } from './user-environment';

let admin: Awaited<ReturnType<typeof operatorMadeAdmin>>;
beforeAll(async () => {
  const { tableName } = await prepareUserService();
  admin = await operatorMadeAdmin(tableName);
});

const password = 'correct horse battery';
let sequence = 0;
const newCustomer = async () => {
  const email = `customer${++sequence}.${Date.now()}@example.test`;
  const { body } = await invoke(register, { method: 'POST', body: { email, password, name: 'Cass' } });
  return { email, userId: body.userId as string };
};
const claimsOf = (userId: string, roles = '[customer admin]') => ({ sub: userId, roles, scope: roles.replace(/[[\]]/g, '') });
const put = (userId: string, body: unknown, claims = claimsOf(admin.user.userId)) =>
  invoke(setRoles, { method: 'PUT', path: `/users/${userId}/roles`, pathParameters: { userId }, body, claims });
const rolesInNextToken = async (email: string) =>
  decodeJwt((await invoke(login, { method: 'POST', body: { email, password } })).body.accessToken).roles;

describe('PUT /users/{userId}/roles', () => {
  it('makes a customer an admin, and takes it back: their next token says so', async () => {
    const customer = await newCustomer();
    const granted = await put(customer.userId, { roles: ['customer', 'admin'] });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ userId: customer.userId, email: customer.email, roles: ['customer', 'admin'] });
    expect(await rolesInNextToken(customer.email)).toEqual(['customer', 'admin']);
    expect((await invoke(getMe, { claims: claimsOf(customer.userId, '[customer]') })).body.roles).toEqual(['customer', 'admin']);

    expect((await put(customer.userId, { roles: ['customer'] })).body.roles).toEqual(['customer']);
    expect(await rolesInNextToken(customer.email)).toEqual(['customer']);
  });

  it('records every change as an audit event: who, whom, before and after', async () => {
    const customer = await newCustomer();
    const lines = await captureOutput(() => put(customer.userId, { roles: ['customer', 'admin'] }));
    const audit = jsonLines(lines).find((line) => line.audit !== undefined);
    expect(audit).toMatchObject({
      level: 'INFO',
      message: 'Roles changed',
      audit: { action: 'user.roles.set', actorUserId: admin.user.userId, userId: customer.userId, before: ['customer'], after: ['customer', 'admin'] },
    });
  });

  it('is for admins only, even if the gateway let a customer through', async () => {
    const customer = await newCustomer();
    const response = await put(customer.userId, { roles: ['customer', 'admin'] }, claimsOf(customer.userId, '[customer]'));
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(await rolesInNextToken(customer.email)).toEqual(['customer']);
  });

  it('keeps an admin from taking their own admin role away (409)', async () => {
    const response = await put(admin.user.userId, { roles: ['customer'] });
    expect(response.status).toBe(409);
  });

  it('answers 404 for a user that does not exist, creating nothing', async () => {
    const nobody = '00000000-0000-4000-8000-000000000000';
    expect((await put(nobody, { roles: ['customer'] })).status).toBe(404);
    expect((await invoke(getMe, { claims: claimsOf(nobody) })).status).toBe(404);
  });

  it.each([
    ['an unknown role', { roles: ['customer', 'root'] }, '#/roles/1'],
    ['no customer role', { roles: ['admin'] }, '#/roles'],
    ['a role twice', { roles: ['customer', 'customer'] }, '#/roles'],
    ['no roles at all', { roles: [] }, '#/roles'],
    ['a field beside the roles', { roles: ['customer'], email: 'x@example.test' }, '#/email'],
  ])('rejects %s with 400 pointing at it', async (_case, body, pointer) => {
    const customer = await newCustomer();
    const response = await put(customer.userId, body);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { pointer: string }) => error.pointer)).toContain(pointer);
  });

  it('rejects a user id that is no id with 400', async () => {
    const response = await invoke(setRoles, { method: 'PUT', pathParameters: { userId: 'me' }, body: { roles: ['customer'] }, claims: claimsOf(admin.user.userId) });
    expect(response.status).toBe(400);
  });
});
