import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Agent, get } from 'node:http';
import { eventually } from '../e2e/support/eventually';
import { request } from '../e2e/support/http';
import type { Context } from './conformance-context';

type Echo = { event: APIGatewayProxyEventV2; environmentId: string; invocations: number };

/** HTTP API semantics: route selection, the payload format 2.0 event and response, CORS, the gateway's own errors. */
export const routingCases = (context: Context) =>
  describe('HTTP API', () => {
    const url = () => context().runtime.url;
    const echo = (method: string, path: string, options = {}) => request<Echo>(url(), method, path, options);

    it('selects the most specific route: literal path, then path variables, then a greedy variable', async () => {
      expect((await echo('GET', '/items/special')).body.event.routeKey).toBe('GET /items/special');
      const greedy = (await echo('GET', '/items/a/b%20c/d')).body.event;
      expect(greedy.routeKey).toBe('ANY /items/{proxy+}');
      expect(greedy.pathParameters).toEqual({ proxy: 'a/b c/d' });
      expect((await echo('DELETE', '/items/special')).body.event.routeKey).toBe('ANY /items/{proxy+}');
      const variable = (await echo('GET', '/echo/42')).body.event;
      expect(variable.routeKey).toBe('GET /echo/{id}');
      expect(variable.pathParameters).toEqual({ id: '42' });
    });

    it('answers a path or method without a route with 404 {"message":"Not Found"}', async () => {
      for (const [method, path] of [['GET', '/nowhere'], ['DELETE', '/echo/42'], ['GET', '/items']]) {
        const response = await request(url(), method!, path!);
        expect(response.status).toBe(404);
        expect(response.body).toEqual({ message: 'Not Found' });
      }
    });

    it('sends what no other route takes to the $default route of an API that has one', async () => {
      const fallback = context().runtime.model.apis.find((api) => api.routes.some((route) => route.routeKey === '$default'))!;
      const { status, body } = await request<Echo>(fallback.url, 'PUT', '/anything/at/all');
      expect(status).toBe(200);
      expect(body.event.routeKey).toBe('$default');
      expect(body.event.pathParameters).toBeUndefined();
    });

    it('builds the payload format 2.0 event and maps the structured response', async () => {
      const response = await echo('POST', '/echo/7?a=1&a=2&b=x%20y', {
        body: { hello: 'world' },
        headers: { 'X-Custom': 'one', cookie: 'c1=v1; c2=v2', 'user-agent': 'conformance' },
      });
      const { event } = response.body;
      expect(event).toMatchObject({
        version: '2.0',
        routeKey: 'POST /echo/{id}',
        rawPath: '/echo/7',
        rawQueryString: 'a=1&a=2&b=x%20y',
        queryStringParameters: { a: '1,2', b: 'x y' },
        cookies: ['c1=v1', 'c2=v2'],
        pathParameters: { id: '7' },
        body: '{"hello":"world"}',
        isBase64Encoded: false,
        requestContext: {
          apiId: expect.stringMatching(/^[a-z0-9]{10}$/),
          accountId: '000000000000',
          routeKey: 'POST /echo/{id}',
          stage: '$default',
          http: { method: 'POST', path: '/echo/7', protocol: 'HTTP/1.1', userAgent: 'conformance' },
        },
      });
      expect(event.headers).toMatchObject({ 'x-custom': 'one', 'content-type': 'application/json', 'x-forwarded-proto': 'http' });
      expect(event.headers.cookie).toBeUndefined();
      expect(event.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
      expect(event.requestContext.requestId).toBe(response.headers.get('apigw-requestid'));
      expect(response.headers.get('set-cookie')).toBe('flavour=oat');
    });

    it('passes a binary body base64-encoded', async () => {
      const bytes = Buffer.from([0, 1, 2, 250, 251, 252]);
      const { event } = (await echo('POST', '/echo/bin', { body: bytes, headers: { 'content-type': 'application/octet-stream' } })).body;
      expect(event.isBase64Encoded).toBe(true);
      expect(Buffer.from(event.body!, 'base64')).toEqual(bytes);
    });

    it('answers CORS preflights itself and sets the configured CORS headers on responses', async () => {
      const echoedHere = () => context().log.observations<{ path: string }>('echo').filter((seen) => seen.path === '/echo/cors');
      const preflight = await request(url(), 'OPTIONS', '/echo/cors', {
        headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example');
      expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,POST');
      expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
      expect(preflight.headers.get('access-control-max-age')).toBe('600');
      const actual = await echo('GET', '/echo/cors', { headers: { origin: 'https://app.example' } });
      expect(actual.headers.get('access-control-allow-origin')).toBe('https://app.example');
      expect(actual.headers.get('access-control-expose-headers')).toBe('x-request-id');
      // The function ran for the GET only, not for the preflight.
      await eventually(() => expect(echoedHere()).toHaveLength(1));
      const foreign = await echo('GET', '/echo/other', { headers: { origin: 'https://evil.example' } });
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('answers a function error with 500 {"message":"Internal Server Error"}', async () => {
      const response = await request(url(), 'GET', '/fail');
      expect(response.status).toBe(500);
      expect(response.body).toEqual({ message: 'Internal Server Error' });
    });

    it('answers 503 {"message":"Service Unavailable"} when the integration times out', async () => {
      const started = Date.now();
      const response = await request(url(), 'GET', '/slow?ms=3000');
      expect(response.status).toBe(503);
      expect(response.body).toEqual({ message: 'Service Unavailable' });
      expect(Date.now() - started).toBeLessThan(2500);
    });

    it('ends an invocation at the function timeout: 500, and the environment is replaced', async () => {
      const response = await request(url(), 'GET', '/function-timeout?ms=3000');
      expect(response.status).toBe(500);
      expect(context().log.linesOf('Conformance/SleepShortTimeout').join('\n')).toMatch(/Task timed out after 1\.00 seconds/);
      expect((await request(url(), 'GET', '/function-timeout?ms=0')).status).toBe(200);
    });

    it('answers a body over 10 MB with 413', async () => {
      const response = await request(url(), 'POST', '/echo/big', { body: Buffer.alloc(10 * 1024 * 1024 + 1, 97), headers: { 'content-type': 'text/plain' } });
      expect(response.status).toBe(413);
      expect(response.body).toEqual({ message: 'Request Entity Too Large' });
    });

    it('keeps a keep-alive connection open with no idle deadline of its own, so a client never reuses one being closed', async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const headersOf = () =>
        new Promise<Record<string, unknown>>((resolve, reject) => {
          get(`${url()}/echo/1`, { agent }, (response) => {
            response.resume().on('end', () => resolve(response.headers));
          }).on('error', reject);
        });
      try {
        const headers = await headersOf();
        expect(headers.connection).toBe('keep-alive');
        expect(headers['keep-alive']).toBeUndefined();
      } finally {
        agent.destroy();
      }
    });
  });
