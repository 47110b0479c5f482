import type { APIGatewayProxyEvent, APIGatewayRequestAuthorizerEvent, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { eventually } from '../e2e/support/eventually';
import { request } from '../e2e/support/http';
import { allowedOrigin } from './plain-app/notes-stack';
import type { PlainContext } from './conformance-context';
import { functionOf } from './plain-any-app.cases';
import { takeWarning } from './support/aws-caller';

type Echo = { event: APIGatewayProxyEvent };

/**
 * REST APIs (API Gateway v1) with Lambda proxy integrations and Lambda authorizers, as the API Gateway
 * developer guide describes them: the payload format 1.0 event
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html),
 * TOKEN and REQUEST authorizers (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html),
 * and the gateway's own responses (https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html).
 */
export const restApiCases = (context: PlainContext) =>
  describe('REST APIs', () => {
    const url = () => context().runtime.url;
    const root = () => url().replace(/\/prod$/, '');
    const observed = <T>(kind: string) => context().log.observations<{ event: T }>(kind);

    it('serves a stage under its path prefix, and passes the proxy event (payload 1.0) as API Gateway builds it', async () => {
      const response = await request<Echo>(url(), 'GET', '/echo/a/b?tag=x&tag=y', { headers: { 'X-Custom-Header': 'kept' } });
      expect(response.status).toBe(200);
      const { event } = response.body;
      expect(event).toMatchObject({
        resource: '/echo/{proxy+}',
        path: '/echo/a/b',
        httpMethod: 'GET',
        pathParameters: { proxy: 'a/b' },
        queryStringParameters: { tag: 'y' },
        multiValueQueryStringParameters: { tag: ['x', 'y'] },
        stageVariables: null,
        body: null,
        isBase64Encoded: false,
        requestContext: { stage: 'prod', path: '/prod/echo/a/b', resourcePath: '/echo/{proxy+}', httpMethod: 'GET', accountId: '000000000000' },
      });
      expect(event.headers['X-Custom-Header']).toBe('kept');
      expect(event.multiValueHeaders['X-Custom-Header']).toEqual(['kept']);
      expect(event.requestContext.requestId).toBe(response.headers.get('x-amzn-requestid'));
    });

    it('maps the proxy response back, headers and multiValueHeaders together', async () => {
      const response = await request(url(), 'GET', '/echo/headers');
      expect(response.headers.get('x-seen')).toBe('first, second');
      expect(response.headers.get('content-type')).toBe('application/json');
    });

    it("base64-encodes a body whose content type is one of the API's binary media types, and passes text as text", async () => {
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
      const binary = await request<Echo>(url(), 'POST', '/echo/upload', { body: png, headers: { 'content-type': 'image/png' } });
      expect(binary.body.event).toMatchObject({ isBase64Encoded: true, body: png.toString('base64') });
      const text = await request<Echo>(url(), 'POST', '/echo/upload', { body: { note: 'é' } });
      expect(text.body.event).toMatchObject({ isBase64Encoded: false, body: '{"note":"é"}' });
    });

    it.each([
      ['a resource the API does not have', '/prod/nowhere', 'GET', { message: 'Missing Authentication Token' }],
      ['a method the resource does not have', '/prod/node20', 'DELETE', { message: 'Missing Authentication Token' }],
      ['a stage the API does not have', '/beta/node20', 'GET', { message: 'Forbidden' }],
    ])('answers 403 for %s', async (_, path, method, body) => {
      const response = await request(root(), method, path);
      expect(response.status).toBe(403);
      expect(response.body).toEqual(body);
    });

    it('answers 502 {"message":"Internal server error"} when the function fails', async () => {
      const response = await request(url(), 'GET', '/echo/boom');
      expect(response.status).toBe(502);
      expect(response.body).toEqual({ message: 'Internal server error' });
    });

    // https://repost.aws/knowledge-center/api-gateway-rest-api-lambda-integrations
    it('answers 500 for a method whose function does not let API Gateway invoke it, and the log names the missing permission', async () => {
      const response = await request(url(), 'GET', '/unpermitted');
      expect(response.status).toBe(500);
      expect(response.body).toEqual({ message: 'Internal server error' });
      const warning = takeWarning(context().log, /IAM denied API Gateway \(.* GET \/unpermitted\) lambda:InvokeFunction/);
      expect(warning).toContain(`missing grant: the policy of ${functionOf(context(), 'EchoFunction').arn} must allow apigateway.amazonaws.com to lambda:InvokeFunction`);
      expect(warning).toMatch(/\/prod\/GET\/unpermitted;/);
    });

    it("answers the CDK's CORS preflight from its MOCK integration", async () => {
      const response = await fetch(`${url()}/notes`, { method: 'OPTIONS', headers: { origin: allowedOrigin, 'access-control-request-method': 'PUT' } });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
      expect(response.headers.get('access-control-allow-methods')).toBe('GET,PUT');
    });

    describe('TOKEN authorizer', () => {
      const tokenCalls = () => observed<APIGatewayTokenAuthorizerEvent>('token-authorizer');

      it.each([
        ['without a token', undefined],
        ['with a token that fails the validation expression', 'Basic abc'],
      ])('answers 401 {"message":"Unauthorized"} %s, without calling the authorizer', async (_, authorization) => {
        const before = tokenCalls().length;
        const response = await request(url(), 'GET', '/notes', { headers: authorization ? { authorization } : {} });
        expect(response.status).toBe(401);
        expect(response.body).toEqual({ message: 'Unauthorized' });
        expect(tokenCalls()).toHaveLength(before);
      });

      it('passes the token and the method ARN, and gives the integration the principal and the context (as strings)', async () => {
        const response = await request<Echo>(url(), 'GET', '/whoami', { token: 'allow-ann' });
        expect(response.status).toBe(200);
        expect(response.body.event.requestContext.authorizer).toMatchObject({ principalId: 'ann', tenant: 'acme', level: '3', admin: 'true' });
        const call = await eventually(() => {
          const found = tokenCalls().find(({ event }) => event.authorizationToken === 'Bearer allow-ann');
          if (!found) throw new Error('the authorizer was not called');
          return found;
        });
        expect(call.event.type).toBe('TOKEN');
        expect(call.event.methodArn).toMatch(/^arn:aws:execute-api:us-east-1:000000000000:[a-z0-9]{10}\/prod\/GET\/whoami$/);
      });

      it("caches the authorizer's policy by token, and evaluates it for each method", async () => {
        const calls = () => tokenCalls().filter(({ event }) => event.authorizationToken === 'Bearer only-notes').length;
        expect((await request(url(), 'GET', '/notes', { token: 'only-notes' })).status).toBe(200);
        const denied = await request(url(), 'GET', '/notes/any', { token: 'only-notes' });
        expect(denied.status).toBe(403);
        expect(denied.body).toEqual({ Message: 'User is not authorized to access this resource' });
        expect((await request(url(), 'GET', '/notes', { token: 'only-notes' })).status).toBe(200);
        await eventually(() => expect(calls()).toBe(1));
      });

      it.each([
        ['an explicit Deny', 'deny', 403, { Message: 'User is not authorized to access this resource with an explicit deny' }],
        ['an Unauthorized error', 'expired', 401, { message: 'Unauthorized' }],
        ['any other error', 'broken', 500, { message: null }],
      ])('answers %s with %s', async (_, token, status, body) => {
        const response = await request(url(), 'GET', '/notes', { token });
        expect(response.status).toBe(status);
        expect(response.body).toEqual(body);
      });
    });

    // https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html
    it('answers 500 {"message":null} when the authorizer\'s function does not let API Gateway invoke it for that authorizer', async () => {
      const before = observed<APIGatewayTokenAuthorizerEvent>('token-authorizer').length;
      const response = await request(url(), 'GET', '/unpermitted-authorizer', { token: 'allow-ann' });
      expect(response.status).toBe(500);
      expect(response.body).toEqual({ message: null });
      expect(observed('token-authorizer')).toHaveLength(before);
      const warning = takeWarning(context().log, /IAM denied API Gateway \(authorizer unpermitted\) lambda:InvokeFunction/);
      expect(warning).toMatch(/from arn:aws:execute-api:us-east-1:000000000000:\w+\/authorizers\/\w+/);
    });

    describe('REQUEST authorizer', () => {
      it('passes the request (headers, query string, method ARN) and allows what its policy allows', async () => {
        const response = await request<Echo>(url(), 'GET', '/tenant?key=let-me-in', { headers: { 'x-tenant': 'acme' } });
        expect(response.status).toBe(200);
        expect(response.body.event.requestContext.authorizer).toMatchObject({ principalId: 'tenant-acme', tenant: 'acme' });
        const call = await eventually(() => {
          const found = observed<APIGatewayRequestAuthorizerEvent>('request-authorizer').find(({ event }) => event.queryStringParameters?.key === 'let-me-in');
          if (!found) throw new Error('the authorizer was not called');
          return found;
        });
        expect(call.event).toMatchObject({ type: 'REQUEST', httpMethod: 'GET', resource: '/tenant', path: '/tenant', headers: { 'x-tenant': 'acme' } });
        expect(call.event.methodArn).toMatch(/\/prod\/GET\/tenant$/);
      });

      it('with caching off, calls the authorizer even without its identity sources, and answers its Deny with 403', async () => {
        const response = await request(url(), 'GET', '/tenant');
        expect(response.status).toBe(403);
        expect(response.body).toEqual({ Message: 'User is not authorized to access this resource with an explicit deny' });
      });
    });
  });
