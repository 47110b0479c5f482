import { createHash, createHmac } from 'node:crypto';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { APIGatewayProxyResult } from 'aws-lambda';

type Data = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: Data) => (typeof data === 'string' ? data : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data));

/** SHA-256 (HMAC with a key) from node:crypto, as the signer takes it. */
class Sha256 {
  private readonly hash;

  constructor(secret?: Data) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }

  update(data: Data) {
    this.hash.update(bytes(data));
  }

  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

const json = (body: unknown): APIGatewayProxyResult => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/**
 * Calls the AWS_IAM function URL in PRIVATE_URL with this function's own credentials (its role, from the
 * SDK's default credential chain), signed with the SDK's SigV4 signer, and answers with what the URL
 * answered.
 */
export const handler = async (): Promise<APIGatewayProxyResult> => {
  const url = new URL(process.env.PRIVATE_URL!);
  const signer = new SignatureV4({ service: 'lambda', region: process.env.AWS_REGION!, credentials: defaultProvider(), sha256: Sha256 });
  const signed = await signer.sign({ method: 'GET', protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: '/from-a-function', headers: { host: url.host } });
  const response = await fetch(new URL('/from-a-function', url), { headers: signed.headers });
  return json({ status: response.status, body: await response.json() });
};
