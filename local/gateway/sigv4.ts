import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { GatewayRequest } from './http-request';

/** A secret the runtime knows, and who signs with it. */
export interface KnownCredentials {
  readonly secretAccessKey: string;
  /** The signer: `arn:aws:iam::<account>:user/<name>`, or `arn:aws:sts::<account>:assumed-role/<role>/<session>`. */
  readonly principalArn: string;
  readonly sessionToken?: string;
}

/** The secret behind an access key id, or undefined for a key the runtime does not know. */
export type CredentialLookup = (accessKeyId: string) => KnownCredentials | undefined;

export type SigV4Verification =
  | { readonly valid: true; readonly accessKeyId: string; readonly credentials: KnownCredentials }
  | { readonly valid: false; readonly signed: boolean; readonly message: string };

/** A signature is good for 15 minutes either side of its `X-Amz-Date`. */
const maxSkewMs = 15 * 60 * 1000;

/** node:crypto as the signer's hash: HMAC with a key, plain SHA-256 without. */
export class NodeSha256 {
  private readonly hash;

  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    const key = secret === undefined ? undefined : typeof secret === 'string' ? secret : Buffer.from(ArrayBuffer.isView(secret) ? secret.buffer.slice(secret.byteOffset, secret.byteOffset + secret.byteLength) : secret);
    this.hash = key === undefined ? createHash('sha256') : createHmac('sha256', key);
  }

  update(data: string | ArrayBuffer | ArrayBufferView) {
    this.hash.update(typeof data === 'string' ? data : Buffer.from(ArrayBuffer.isView(data) ? data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) : data));
  }

  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

/** `20260101T120000Z` */
const parseAmzDate = (value: string | undefined) => {
  const parts = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  return parts ? new Date(Date.UTC(+parts[1]!, +parts[2]! - 1, +parts[3]!, +parts[4]!, +parts[5]!, +parts[6]!)) : undefined;
};

interface Signature {
  readonly accessKeyId: string;
  readonly scope: { readonly region: string; readonly service: string };
  readonly signedHeaders: string[];
  readonly signature: string;
}

/** `AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, SignedHeaders=a;b, Signature=<hex>` */
const signatureOf = (request: GatewayRequest): Signature | undefined => {
  const header = /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)$/i.exec(request.headers.authorization ?? '');
  if (!header) return undefined;
  const [accessKeyId = '', , region = '', service = ''] = header[1]!.split('/');
  return { accessKeyId, scope: { region, service }, signedHeaders: header[2]!.toLowerCase().split(';'), signature: header[3]!.toLowerCase() };
};

const invalid = (message: string, signed = true): SigV4Verification => ({ valid: false, signed, message });

/**
 * Verifies a request's AWS Signature Version 4 (`Authorization` header) as an AWS endpoint does: the
 * credential scope names the expected service and region, the key is known, the date is recent, the body
 * matches `x-amz-content-sha256` when sent, and the signature recomputed over the same signed headers
 * (with the SDK's own signer) is the one sent. Presigned URLs are not accepted.
 */
export const verifySigV4 = async (
  request: GatewayRequest,
  expected: { readonly service: string; readonly region: string },
  lookup: CredentialLookup,
): Promise<SigV4Verification> => {
  const signature = signatureOf(request);
  if (!signature) return invalid('Missing Authentication Token', false);
  if (signature.scope.service !== expected.service || signature.scope.region !== expected.region) {
    return invalid(`Credential should be scoped to a valid region and service ('${expected.region}', '${expected.service}').`);
  }
  const credentials = lookup(signature.accessKeyId);
  if (!credentials) return invalid('The security token included in the request is invalid.');
  const signingDate = parseAmzDate(request.headers['x-amz-date']);
  if (!signingDate) return invalid('Authorization header requires existence of either a \'X-Amz-Date\' or a \'Date\' header.');
  if (Math.abs(Date.now() - signingDate.getTime()) > maxSkewMs) return invalid('Signature expired: the request\'s date is too far from the current time.');
  const contentHash = request.headers['x-amz-content-sha256'];
  if (contentHash && contentHash !== 'UNSIGNED-PAYLOAD' && contentHash !== createHash('sha256').update(request.body).digest('hex')) {
    return invalid('The provided \'x-amz-content-sha256\' header does not match what was computed.');
  }

  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(request.rawQueryString)) {
    const existing = query[name];
    query[name] = existing === undefined ? value : [existing].flat().concat(value);
  }
  const [hostname = 'localhost', port] = (request.headers.host ?? 'localhost').split(':');
  const headers = Object.fromEntries(signature.signedHeaders.map((name) => [name, request.headers[name] ?? '']));
  const signer = new SignatureV4({
    service: signature.scope.service,
    region: signature.scope.region,
    credentials: { accessKeyId: signature.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken },
    sha256: NodeSha256,
    applyChecksum: false,
  });
  const unsigned = {
    method: request.method,
    protocol: 'http:',
    hostname,
    port: port === undefined ? undefined : Number(port),
    path: request.rawPath,
    query,
    headers,
    body: request.body.length > 0 ? request.body : undefined,
  };
  const signed = await signer.sign(unsigned, { signingDate, signableHeaders: new Set(signature.signedHeaders), unsignableHeaders: new Set<string>() });
  const expectedSignature = /Signature=([0-9a-f]+)/.exec(String(signed.headers.authorization ?? ''))?.[1] ?? '';
  const matches = expectedSignature.length === signature.signature.length && timingSafeEqual(Buffer.from(expectedSignature), Buffer.from(signature.signature));
  if (!matches) {
    return invalid(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
  return { valid: true, accessKeyId: signature.accessKeyId, credentials };
};
