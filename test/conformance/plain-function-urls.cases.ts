import type { APIGatewayProxyEventV2WithIAMAuthorizer, LambdaFunctionURLEvent } from 'aws-lambda';
import { allowedOrigin } from './plain-app/notes-stack';
import type { PlainContext } from './conformance-context';
import { assumedRoleArn } from '../../local/front-door/callers';
import { localCredentials } from '../../local/lambda/environment-variables';
import { request } from '../e2e/support/http';
import { functionOf, functionUrlOf } from './plain-any-app.cases';
import { takeWarning } from './support/aws-caller';
import { signedFetch } from './support/signed-fetch';

const principalOf = (fn: { roleArn: string; name: string }) => assumedRoleArn(fn.roleArn, fn.name);

const forbidden = { Message: 'Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html' };

/**
 * Lambda function URLs: the request and response payloads (https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html),
 * auth types NONE and AWS_IAM (https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html) and CORS
 * (https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html#urls-cors).
 */
export const functionUrlCases = (context: PlainContext) =>
  describe('Function URLs', () => {
    const urlOf = (name: string) => functionUrlOf(context, name).url;

    it('passes the payload 2.0 event with a function URL\'s request context (auth NONE: an anonymous caller)', async () => {
      const response = await fetch(`${urlOf('EchoFunction')}some/path?a=1&a=2`, { headers: { cookie: 'flavour=oat' } });
      expect(response.status).toBe(200);
      const { event } = (await response.json()) as { event: LambdaFunctionURLEvent };
      expect(event).toMatchObject({
        version: '2.0',
        routeKey: '$default',
        rawPath: '/some/path',
        rawQueryString: 'a=1&a=2',
        cookies: ['flavour=oat'],
        queryStringParameters: { a: '1,2' },
        requestContext: { accountId: 'anonymous', apiId: functionUrlOf(context, 'EchoFunction').urlId, routeKey: '$default', stage: '$default', http: { method: 'GET', path: '/some/path' } },
      });
      expect((event.requestContext as { authorizer?: unknown }).authorizer).toBeUndefined();
    });

    it("answers 403 when the function's resource policy does not let anyone invoke it through its URL", async () => {
      const unpublished = context().runtime.model.functionUrls.find((url) => url.key.includes('UnpublishedUrl'))!;
      expect(unpublished.publicAccess).toBe(false);
      const response = await fetch(unpublished.url);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual(forbidden);
    });

    it('answers 502 when the function fails', async () => {
      const response = await fetch(`${urlOf('EchoFunction')}boom`);
      expect(response.status).toBe(502);
    });

    it("answers a CORS preflight itself, from the URL's CORS configuration", async () => {
      const preflight = (origin: string) =>
        fetch(urlOf('VersionOn24'), { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });
      const allowed = await preflight(allowedOrigin);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
      expect(allowed.headers.get('access-control-max-age')).toBe('300');
      expect((await preflight('https://elsewhere.example')).headers.get('access-control-allow-origin')).toBeNull();
      const get = await fetch(urlOf('VersionOn24'), { headers: { origin: allowedOrigin } });
      expect(get.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
    });

    describe('auth type AWS_IAM (IAM decides)', () => {
      const operator = localCredentials;
      const fromFunction = async (caller: 'granted' | 'not-granted') =>
        (await request<{ status: number; body: unknown }>(context().runtime.url, 'GET', `/call-private/${caller}`)).body;

      it('answers 403 Forbidden to a request without a signature', async () => {
        const response = await fetch(urlOf('PrivateEcho'));
        expect(response.status).toBe(403);
        expect(await response.json()).toEqual(forbidden);
      });

      it('answers 403 to a request signed with the wrong secret, saying the signature does not match', async () => {
        const response = await signedFetch(urlOf('PrivateEcho'), { accessKeyId: operator.accessKeyId, secretAccessKey: 'not-the-secret' });
        expect(response.status).toBe(403);
        expect(((await response.json()) as { message: string }).message).toMatch(/^The request signature we calculated does not match/);
      });

      it("invokes the function for the local operator's signed request, with the caller in requestContext.authorizer.iam", async () => {
        const response = await signedFetch(`${urlOf('PrivateEcho')}orders`, { method: 'POST', body: JSON.stringify({ id: 7 }), query: { page: '2' }, ...operator });
        expect(response.status).toBe(200);
        const { event } = (await response.json()) as { event: APIGatewayProxyEventV2WithIAMAuthorizer };
        expect(event.body).toBe('{"id":7}');
        expect(event.requestContext.accountId).toBe('000000000000');
        expect(event.requestContext.authorizer.iam).toMatchObject({ accessKey: operator.accessKeyId, accountId: '000000000000', userArn: 'arn:aws:iam::000000000000:root' });
      });

      it("answers 403 to a function whose role lacks lambda:InvokeFunctionUrl, signing with its own credentials, and the log names the grant", async () => {
        const caller = functionOf(context(), 'UngrantedUrlCaller');
        expect(await fromFunction('not-granted')).toEqual({ status: 403, body: forbidden });
        const warning = takeWarning(context().log, /IAM denied .*UngrantedUrlCaller.* lambda:InvokeFunctionUrl/);
        expect(warning).toContain(`IAM denied ${principalOf(caller)} lambda:InvokeFunctionUrl`);
        expect(warning).toContain(`missing grant: lambda:InvokeFunctionUrl on ${functionOf(context(), 'PrivateEcho').arn}`);
      });

      it('invokes the function for a function granted it (grantInvokeUrl), with that function\'s role session as the caller', async () => {
        const answer = (await fromFunction('granted')) as { status: number; body: { event: APIGatewayProxyEventV2WithIAMAuthorizer } };
        expect(answer.status).toBe(200);
        expect(answer.body.event.rawPath).toBe('/from-a-function');
        expect(answer.body.event.requestContext.authorizer.iam.userArn).toBe(principalOf(functionOf(context(), 'UrlCaller')));
      });
    });
  });
