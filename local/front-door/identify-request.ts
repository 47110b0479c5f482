import type { IncomingHttpHeaders } from 'node:http';
import type { Protocol } from './service-call';

/** What the request itself says: who signed it, for which service and region, and which operation it is. */
export interface RequestIdentity {
  readonly accessKeyId?: string;
  readonly region?: string;
  readonly signingName: string;
  readonly service: string;
  readonly operation: string;
  readonly protocol: Protocol;
  readonly input: Record<string, unknown>;
}

/** `AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, SignedHeaders=..., Signature=...` */
const credentialScope = (headers: IncomingHttpHeaders, query: URLSearchParams) => {
  const credential = /Credential=([^,\s]+)/.exec(String(headers.authorization ?? ''))?.[1] ?? query.get('X-Amz-Credential') ?? '';
  const [accessKeyId, , region, signingName] = credential.split('/');
  return { accessKeyId: accessKeyId || undefined, region: region || undefined, signingName: signingName || undefined };
};

/** The `X-Amz-Target` prefixes of the JSON protocols, by the service they name. */
const targetPrefixes: Record<string, string> = {
  DynamoDB_20120810: 'dynamodb',
  DynamoDBStreams_20120810: 'dynamodb-streams',
  AmazonSQS: 'sqs',
  Kinesis_20131202: 'kinesis',
  secretsmanager: 'secretsmanager',
  AWSEvents: 'events',
};

const parseJson = (body: Buffer): Record<string, unknown> => {
  if (body.length === 0) return {};
  try {
    const parsed = JSON.parse(body.toString('utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/** REST operations the runtime serves, by service: `[method, path pattern, operation, path parameter names]`. */
const restOperations: Record<string, [string, RegExp, string, string[]][]> = {
  lambda: [
    ['POST', /^\/2015-03-31\/functions\/([^/]+)\/invocations$/, 'Invoke', ['FunctionName']],
    ['POST', /^\/2014-11-13\/functions\/([^/]+)\/invoke-async\/?$/, 'InvokeAsync', ['FunctionName']],
  ],
};

const restOperation = (service: string, method: string, path: string) => {
  for (const [expectedMethod, pattern, operation, names] of restOperations[service] ?? []) {
    const match = method === expectedMethod ? pattern.exec(path) : null;
    if (match) return { operation, parameters: Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)])) };
  }
  return undefined;
};

/**
 * Identifies a call from its HTTP request the way AWS's front ends do: the JSON protocols by
 * `X-Amz-Target`, the query protocol by its `Action` field, Smithy RPC v2 by its path, REST APIs by
 * method and path; the service by the SigV4 credential scope (or the target's prefix).
 */
export const identifyRequest = (method: string, url: string, headers: IncomingHttpHeaders, body: Buffer): RequestIdentity => {
  const [path = '/', queryString = ''] = url.split('?', 2);
  const query = new URLSearchParams(queryString);
  const scope = credentialScope(headers, query);
  const signingName = scope.signingName ?? 'unknown';
  const target = headers['x-amz-target'];
  if (typeof target === 'string' && target.includes('.')) {
    const [prefix = '', operation = ''] = target.split('.', 2);
    return { ...scope, signingName, service: targetPrefixes[prefix] ?? signingName, operation, protocol: 'json', input: parseJson(body) };
  }
  const contentType = String(headers['content-type'] ?? '');
  if (contentType.startsWith('application/x-www-form-urlencoded') || query.has('Action')) {
    const form = new URLSearchParams(contentType.startsWith('application/x-www-form-urlencoded') ? body.toString('utf8') : queryString);
    const input = Object.fromEntries(form);
    return { ...scope, signingName, service: signingName, operation: form.get('Action') ?? 'unknown', protocol: 'query', input };
  }
  const cbor = /^\/service\/([^/]+)\/operation\/([^/]+)$/.exec(path);
  if (cbor) return { ...scope, signingName, service: signingName, operation: cbor[2]!, protocol: 'rpc-v2-cbor', input: {} };
  const rest = restOperation(signingName, method, path);
  if (rest) return { ...scope, signingName, service: signingName, operation: rest.operation, protocol: 'rest-json', input: { ...Object.fromEntries(query), ...rest.parameters } };
  const xml = contentType.includes('xml') || signingName === 's3';
  return { ...scope, signingName, service: signingName, operation: `${method} ${path}`, protocol: xml ? 'rest-xml' : 'unknown', input: {} };
};
