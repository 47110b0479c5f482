import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyEventV2WithLambdaAuthorizer } from 'aws-lambda';
import { request } from '../e2e/support/http';
import { tokenAudience } from './app/conformance-stack';
import type { Context } from './conformance-context';
import { createTestIssuer } from './support/test-issuer';

/** The JWT authorizer (discovery and JWKS from the issuer, claims and scopes as API Gateway shapes them) and a Lambda authorizer. */
export const authorizerCases = (context: Context) =>
  describe('Authorizers', () => {
    const url = () => context().runtime.url;
    const token = (options: { scope?: string; expiresIn?: string; audience?: string; claims?: Record<string, unknown> } = {}) =>
      context().issuer.token({ issuer: url(), audience: tokenAudience, ...options });
    const protectedCalls = () => context().log.observations<{ path: string }>('echo').filter((seen) => seen.path === '/protected');

    it.each([
      ['no token', async () => undefined],
      ['a token that is no JWT', async () => 'not-a-token'],
      ['an expired token', () => token({ expiresIn: '-1m' })],
      ['a token for another audience', () => token({ audience: 'someone-else' })],
      ['a token signed by another key', async () => (await createTestIssuer()).token({ issuer: url(), audience: tokenAudience })],
    ])('answers 401 {"message":"Unauthorized"} for %s, and the function never runs', async (_, makeToken) => {
      const before = protectedCalls().length;
      const response = await request(url(), 'GET', '/protected', { token: await makeToken() });
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ message: 'Unauthorized' });
      expect(protectedCalls()).toHaveLength(before);
    });

    it('says why in www-authenticate, as API Gateway does', async () => {
      const response = await request(url(), 'GET', '/protected', { token: await token({ expiresIn: '-1m' }) });
      expect(response.headers.get('www-authenticate')).toBe('Bearer scope="" error="invalid_token" error_description="the token has expired"');
    });

    it('passes verified claims as API Gateway shapes them: strings, lists as [a b]', async () => {
      const response = await request<{ event: APIGatewayProxyEventV2WithJWTAuthorizer }>(url(), 'GET', '/protected', {
        token: await token({ claims: { roles: ['customer', 'admin'], verified: true } }),
      });
      expect(response.status).toBe(200);
      const { jwt } = response.body.event.requestContext.authorizer;
      expect(jwt.claims).toMatchObject({ sub: 'conformance-user', aud: tokenAudience, roles: '[customer admin]', verified: 'true', iss: url() });
      expect(jwt.claims.exp).toMatch(/^\d+$/);
      expect(jwt.scopes).toBeNull();
    });

    it('answers 403 {"message":"Forbidden"} when the token lacks every scope the route requires', async () => {
      const forbidden = await request(url(), 'GET', '/admin', { token: await token({ scope: 'customer' }) });
      expect(forbidden.status).toBe(403);
      expect(forbidden.body).toEqual({ message: 'Forbidden' });
      const allowed = await request<{ event: APIGatewayProxyEventV2WithJWTAuthorizer }>(url(), 'GET', '/admin', { token: await token({ scope: 'customer admin' }) });
      expect(allowed.status).toBe(200);
      expect(allowed.body.event.requestContext.authorizer.jwt.scopes).toEqual(['customer', 'admin']);
    });

    it('runs a Lambda authorizer: 401 without its identity source, 403 when it says no, its context when it says yes', async () => {
      const authorizerCalls = () => context().log.observations('authorizer').length;
      const before = authorizerCalls();
      expect((await request(url(), 'GET', '/keyed')).status).toBe(401);
      expect(authorizerCalls()).toBe(before);
      const denied = await request(url(), 'GET', '/keyed', { headers: { 'x-api-key': 'guess' } });
      expect(denied.status).toBe(403);
      expect(denied.body).toEqual({ message: 'Forbidden' });
      const allowed = await request<{ event: APIGatewayProxyEventV2WithLambdaAuthorizer<Record<string, unknown>> }>(url(), 'GET', '/keyed', {
        headers: { 'x-api-key': 'let-me-in' },
      });
      expect(allowed.status).toBe(200);
      expect(allowed.body.event.requestContext.authorizer.lambda).toEqual({ tenant: 'acme', keyLength: 9 });
    });
  });
