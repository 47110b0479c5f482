import { SignatureV4 } from '@smithy/signature-v4';
import type { GatewayRequest } from '../../../local/gateway/http-request';
import { NodeSha256, verifySigV4 } from '../../../local/gateway/sigv4';

const known = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret', principalArn: 'arn:aws:iam::000000000000:user/local' };
const lookup = (accessKeyId: string) => (accessKeyId === known.accessKeyId ? known : undefined);
const lambda = { service: 'lambda', region: 'us-east-1' };

/** A request as the gateway receives it, signed as the AWS SDK signs one. */
const signedRequest = async (options: { body?: string; signingDate?: Date; service?: string; accessKeyId?: string } = {}): Promise<GatewayRequest> => {
  const signer = new SignatureV4({
    service: options.service ?? 'lambda',
    region: 'us-east-1',
    credentials: { accessKeyId: options.accessKeyId ?? known.accessKeyId, secretAccessKey: known.secretAccessKey },
    sha256: NodeSha256,
  });
  const body = options.body ?? '{"id":1}';
  const signed = await signer.sign(
    { method: 'POST', protocol: 'http:', hostname: 'localhost', port: 4000, path: '/orders/a%20b', query: { page: '2' }, headers: { host: 'localhost:4000', 'content-type': 'application/json' }, body },
    { signingDate: options.signingDate },
  );
  const headers = Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
  return {
    method: 'POST',
    rawPath: '/orders/a%20b',
    rawQueryString: 'page=2',
    headers,
    rawHeaders: Object.entries(headers),
    cookies: [],
    body: Buffer.from(body),
    sourceIp: '127.0.0.1',
    protocol: 'HTTP/1.1',
    requestId: 'r',
    receivedAt: new Date(),
  };
};

describe('verifying an AWS Signature Version 4', () => {
  it('accepts a request signed with a known key, and names its signer', async () => {
    const verification = await verifySigV4(await signedRequest(), lambda, lookup);
    expect(verification).toEqual({ valid: true, accessKeyId: known.accessKeyId, credentials: known });
  });

  it('refuses a request whose body changed after it was signed', async () => {
    const request = await signedRequest();
    const verification = await verifySigV4({ ...request, body: Buffer.from('{"id":2}') }, lambda, lookup);
    expect(verification).toMatchObject({ valid: false, signed: true, message: expect.stringMatching(/x-amz-content-sha256/) });
  });

  it('refuses a request whose path changed after it was signed', async () => {
    const request = await signedRequest();
    const verification = await verifySigV4({ ...request, rawPath: '/orders/other' }, lambda, lookup);
    expect(verification).toMatchObject({ valid: false, message: expect.stringMatching(/^The request signature we calculated does not match/) });
  });

  it.each([
    ['signed for another service', { service: 's3' }, /scoped to a valid region and service/],
    ['signed with an unknown key', { accessKeyId: 'AKIDSTRANGER' }, /security token included in the request is invalid/],
    ['signed 20 minutes ago', { signingDate: new Date(Date.now() - 20 * 60 * 1000) }, /Signature expired/],
  ])('refuses a request %s', async (_, options, message) => {
    expect(await verifySigV4(await signedRequest(options), lambda, lookup)).toMatchObject({ valid: false, signed: true, message: expect.stringMatching(message) });
  });

  it('says when a request is not signed at all', async () => {
    const request = await signedRequest();
    const { authorization: _, ...unsigned } = request.headers;
    expect(await verifySigV4({ ...request, headers: unsigned }, lambda, lookup)).toMatchObject({ valid: false, signed: false });
  });
});
