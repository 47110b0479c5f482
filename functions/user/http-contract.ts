import { connectError, describing, type HttpContract, problem } from '#shared/http-contract';
import * as z from '#shared/zod';
import type { AccessToken } from './domain/tokens';
import { roles } from './domain/user';
import type { profileOf } from './profile';

/** What the User service answers, for the OpenAPI document. */

const exampleUser = {
  userId: '5b1f0a3c-7d2e-4f6a-8b9c-0d1e2f3a4b5c',
  email: 'ann@example.com',
  name: 'Ann',
  roles: ['customer'],
  createdAt: '2026-11-30T09:00:00.000Z',
};

const profile = describing<ReturnType<typeof profileOf>>()(
  z
    .object({ userId: z.uuid(), email: z.string(), name: z.string(), roles: z.readonly(z.array(z.enum(roles))), createdAt: z.iso.datetime() })
    .check(z.meta({ id: 'UserProfile', description: 'A user as they see themselves: the `admin` role opens the admin routes.' })),
);

const accessToken = describing<AccessToken>()(
  z
    .object({ accessToken: z.string(), tokenType: z.literal('Bearer'), expiresIn: z.int() })
    .check(z.meta({ id: 'AccessToken', description: 'An RS256 JWT for `Authorization: Bearer`, valid for `expiresIn` seconds.' })),
);

const registeredUser = z.object({ userId: z.uuid(), email: z.string(), name: z.string() });

const openIdConfiguration = z.object({
  issuer: z.string(),
  jwks_uri: z.string(),
  response_types_supported: z.array(z.string()),
  subject_types_supported: z.array(z.string()),
  id_token_signing_alg_values_supported: z.array(z.string()),
  scopes_supported: z.array(z.string()),
  claims_supported: z.array(z.string()),
});

const publicKeySet = z.object({
  keys: z.array(z.looseObject({ kty: z.string(), kid: z.string(), alg: z.string(), use: z.string(), n: z.string(), e: z.string() })),
});

const noUser = problem('No user exists for this token (the account is gone).');

export const userContract: HttpContract = {
  'POST /auth/register': {
    summary: 'Create an account',
    requestExample: { email: 'ann@example.com', password: 'correct horse battery', name: 'Ann' },
    responses: {
      201: { description: 'The account, its email lowercased.', body: registeredUser, example: { userId: exampleUser.userId, email: 'ann@example.com', name: 'Ann' }, headers: { Location: '`/users/me`' } },
      409: problem('An account with this email exists already (emails are compared without regard to case).'),
    },
  },
  'POST /auth/login': {
    summary: 'Sign in: an access token',
    requestExample: { email: 'ann@example.com', password: 'correct horse battery' },
    responses: {
      200: { description: 'A bearer token.', body: accessToken, example: { accessToken: 'eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl', tokenType: 'Bearer', expiresIn: 900 } },
      401: problem('Unknown email or wrong password: both answer alike.'),
      429: {
        ...problem('Ten failed logins for this email within 15 minutes: no login for it, even with the right password, until `Retry-After` (1 to 15 minutes).'),
        headers: { 'Retry-After': 'Seconds until logins for this email are taken again.' },
      },
    },
  },
  'GET /.well-known/openid-configuration': {
    summary: 'OpenID discovery document',
    description: 'Where the gateway’s JWT authorizer finds the keys that verify tokens.',
    responses: { 200: { description: 'Issuer and JWKS URL.', body: openIdConfiguration } },
  },
  'GET /.well-known/jwks.json': {
    summary: 'The public keys that verify access tokens',
    responses: { 200: { description: 'A JSON Web Key Set: the signing key, the next one and the one it replaced; public parts only.', body: publicKeySet } },
  },
  'GET /users/me': {
    summary: 'The caller’s profile',
    responses: { 200: { description: 'The profile.', body: profile, example: exampleUser }, 404: noUser },
  },
  'PATCH /users/me': {
    summary: 'Rename the caller',
    requestExample: { name: 'Ann Smith' },
    responses: { 200: { description: 'The updated profile.', body: profile, example: { ...exampleUser, name: 'Ann Smith' } }, 404: noUser },
  },
  'PUT /users/{userId}/roles': {
    summary: 'Set a user’s roles (admins)',
    description: 'Logged as an audit event. Tokens issued before keep their roles until they expire (15 minutes at most).',
    requestExample: { roles: ['customer', 'admin'] },
    responses: {
      200: { description: 'The user with the new roles.', body: profile, example: { ...exampleUser, roles: ['customer', 'admin'] } },
      404: problem('No user has this id.'),
      409: problem('An admin cannot take their own admin role away.'),
    },
  },
  'GET /openapi.json': {
    summary: 'This document',
    description: 'The OpenAPI 3.1 description of the whole API, with the API’s own URL as server.',
    responses: { 200: { description: 'The OpenAPI document.', body: z.looseObject({ openapi: z.literal('3.1.0'), info: z.looseObject({ title: z.string() }), paths: z.record(z.string(), z.unknown()) }) } },
  },
  'GET /docs': {
    summary: 'This document as a web page',
    description: 'An HTML reference rendered from the OpenAPI document, with no script and nothing loaded from elsewhere.',
    responses: { 200: { description: 'The reference page.', body: 'html' } },
  },
  'POST /shop.v1.UserService/GetUser': {
    summary: 'GetUser (RPC): a user’s profile',
    description: 'A caller may get themselves, an admin anyone; anyone else gets `not_found`, as for a user that does not exist.',
    requestExample: { userId: exampleUser.userId },
    responses: {
      200: { description: 'The user.', example: exampleUser },
      404: connectError('`not_found`: no such user, or not one the caller may see.'),
    },
  },
};
