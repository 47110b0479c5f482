import type { UniversalServerRequest, UniversalServerResponse } from '@connectrpc/connect/protocol';
import type { ContextValues } from '@connectrpc/connect';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/*
 * Connect's handlers speak a "universal" request and response, as its Node, Fastify and Next.js
 * adapters translate them; there is no Lambda adapter, so these two functions are one: an API Gateway
 * HTTP API event (payload format 2.0) in, a Lambda proxy result out. Unary calls only: the gateway
 * buffers both bodies whole, so streaming calls cannot work through it anyway.
 */

const jsonMediaType = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

export const toUniversalRequest = (event: APIGatewayProxyEventV2, contextValues: ContextValues, signal: AbortSignal): UniversalServerRequest => {
  const body = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  return {
    httpVersion: event.requestContext.http.protocol.replace(/^HTTP\//, '') || '1.1',
    method: event.requestContext.http.method,
    url: `https://${event.requestContext.domainName}${event.rawPath}${query}`,
    header: new Headers(Object.entries(event.headers ?? {}).flatMap(([name, value]) => (value === undefined ? [] : [[name, value]]))),
    body: (async function* () {
      if (body.byteLength > 0) yield new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    })(),
    signal,
    contextValues,
  };
};

/**
 * The answer as API Gateway takes it: JSON as text, anything else (protobuf, gRPC-Web frames) base64
 * encoded. Trailers exist only for gRPC over HTTP/2, which the gateway cannot carry and the handlers
 * do not offer: Connect puts a unary call's trailers in headers, gRPC-Web in the body.
 */
export const toLambdaResponse = async (response: UniversalServerResponse): Promise<APIGatewayProxyStructuredResultV2> => {
  const chunks: Uint8Array[] = [];
  for await (const chunk of response.body ?? []) chunks.push(chunk);
  const body = Buffer.concat(chunks);
  const headers: Record<string, string> = {};
  response.header?.forEach((value, name) => (headers[name] = value));
  const text = jsonMediaType.test(headers['content-type'] ?? '');
  return {
    statusCode: response.status,
    headers,
    body: body.toString(text ? 'utf8' : 'base64'),
    isBase64Encoded: !text && body.byteLength > 0,
  };
};
