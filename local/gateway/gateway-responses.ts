import type { HttpResponse } from './payload-v2';

/** API Gateway's own responses: a JSON `message`, the way an HTTP API words them. */
const gatewayResponse = (statusCode: number, message: string, headers: Record<string, string> = {}): HttpResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  body: Buffer.from(JSON.stringify({ message })),
});

export const unauthorized = (wwwAuthenticate?: string) =>
  gatewayResponse(401, 'Unauthorized', wwwAuthenticate ? { 'www-authenticate': wwwAuthenticate } : {});
export const forbidden = (wwwAuthenticate?: string) =>
  gatewayResponse(403, 'Forbidden', wwwAuthenticate ? { 'www-authenticate': wwwAuthenticate } : {});
export const notFound = () => gatewayResponse(404, 'Not Found');
export const payloadTooLarge = () => gatewayResponse(413, 'Request Entity Too Large');
export const internalServerError = () => gatewayResponse(500, 'Internal Server Error');
export const serviceUnavailable = () => gatewayResponse(503, 'Service Unavailable');
