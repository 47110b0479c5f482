import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../../../local/gateway/sigv4';

/** A request to a function URL signed with SigV4 for `lambda`, as the AWS SDK or awscurl sign one. */
export const signedFetch = async (
  url: string,
  options: { method?: string; body?: string; accessKeyId: string; secretAccessKey: string; region?: string; query?: Record<string, string> },
) => {
  const target = new URL(url);
  const signer = new SignatureV4({
    service: 'lambda',
    region: options.region ?? 'us-east-1',
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    sha256: NodeSha256,
  });
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { host: target.host, ...(options.body !== undefined && { 'content-type': 'application/json' }) };
  const signed = await signer.sign({ method, protocol: 'http:', hostname: target.hostname, port: Number(target.port), path: target.pathname, query: options.query ?? {}, headers, body: options.body });
  const search = new URLSearchParams(options.query ?? {}).toString();
  return fetch(`${target.origin}${target.pathname}${search ? `?${search}` : ''}`, { method, headers: signed.headers as Record<string, string>, body: options.body });
};
