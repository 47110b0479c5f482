import { handler as getMe } from '../../../functions/user/handlers/get-me';
import { handler as login } from '../../../functions/user/handlers/login';
import { handler as register } from '../../../functions/user/handlers/register';
import { handler as setRoles } from '../../../functions/user/handlers/set-roles';
import { handler as updateMe } from '../../../functions/user/handlers/update-me';
import { type HttpEventOptions, invoke } from '../support/http-event';
import { prepareUserService } from './user-environment';

beforeAll(prepareUserService);

const claims = { sub: 'bad-input-user', roles: '[customer]' };

const bodyEndpoints = [
  ['POST /auth/register', register, {}],
  ['POST /auth/login', login, {}],
  ['PATCH /users/me', updateMe, { claims }],
  [
    'PUT /users/{userId}/roles',
    setRoles,
    { claims: { sub: 'bad-input-admin', roles: '[customer admin]' }, pathParameters: { userId: '00000000-0000-4000-8000-000000000000' } },
  ],
] as const;

const badBodies: [string, HttpEventOptions][] = [
  ['malformed JSON', { rawBody: '{"email": ' }],
  ['a JSON string', { rawBody: '"hello"' }],
  ['JSON null', { rawBody: 'null' }],
  ['an array', { rawBody: '[]' }],
  ['wrong types', { body: { email: 42, password: true, name: ['x'] } }],
  ['unknown fields only', { body: { isAdmin: true } }],
  ['an oversized body', { body: { name: 'x'.repeat(20_000) } }],
  ['form encoding', { rawBody: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
  ['plain text', { rawBody: 'hello', headers: { 'content-type': 'text/plain' } }],
  ['no body at all', { headers: { 'content-type': 'application/json' } }],
  ['invalid base64', { rawBody: '%%%', headers: { 'content-type': 'application/json' } }],
];

describe.each(bodyEndpoints)('%s', (_route, handler, extra) => {
  it.each(badBodies)('answers %s with a 4xx problem, never a 500', async (_case, request) => {
    const response = await invoke(handler, { method: 'POST', ...extra, ...request });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.body.status).toBe(response.status);
  });
});

describe('GET /users/me', () => {
  it('answers 401 problem+json, not a 500, when the claims are malformed', async () => {
    const response = await invoke(getMe, { claims: { roles: '[customer]' } });
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toBe('application/problem+json');
  });
});
