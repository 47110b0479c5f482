import type { HttpResponse } from './payload-v2';

const jsonResponse = (statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  body: Buffer.from(JSON.stringify(body)),
});

/** API Gateway's own responses: a JSON `message`, the way an HTTP API words them. */
const gatewayResponse = (statusCode: number, message: string, headers: Record<string, string> = {}): HttpResponse =>
  jsonResponse(statusCode, { message }, headers);

export const unauthorized = (wwwAuthenticate?: string) =>
  gatewayResponse(401, 'Unauthorized', wwwAuthenticate ? { 'www-authenticate': wwwAuthenticate } : {});
export const forbidden = (wwwAuthenticate?: string) =>
  gatewayResponse(403, 'Forbidden', wwwAuthenticate ? { 'www-authenticate': wwwAuthenticate } : {});
export const notFound = () => gatewayResponse(404, 'Not Found');
export const payloadTooLarge = () => gatewayResponse(413, 'Request Entity Too Large');
export const internalServerError = () => gatewayResponse(500, 'Internal Server Error');
export const serviceUnavailable = () => gatewayResponse(503, 'Service Unavailable');

/** A REST API's (v1) default gateway responses, with the error type it names in `x-amzn-ErrorType`. */
const restResponse = (statusCode: number, body: unknown, errorType: string) => jsonResponse(statusCode, body, { 'x-amzn-errortype': errorType });
export const restGatewayResponses = {
  /** An unknown resource or method: API Gateway's famous answer. */
  missingAuthenticationToken: () => restResponse(403, { message: 'Missing Authentication Token' }, 'MissingAuthenticationTokenException'),
  /** A path outside every stage. */
  forbidden: () => restResponse(403, { message: 'Forbidden' }, 'ForbiddenException'),
  unauthorized: () => restResponse(401, { message: 'Unauthorized' }, 'UnauthorizedException'),
  accessDenied: (explicitDeny: boolean) =>
    restResponse(403, { Message: `User is not authorized to access this resource${explicitDeny ? ' with an explicit deny' : ''}` }, 'AccessDeniedException'),
  /** The authorizer failed or answered something that is not a policy. */
  authorizerConfigurationError: () => restResponse(500, { message: null }, 'AuthorizerConfigurationException'),
  /** The function failed, or its response is not a valid proxy response. */
  integrationFailure: () => restResponse(502, { message: 'Internal server error' }, 'InternalServerErrorException'),
  /** API Gateway itself failed the request, as when it may not invoke the integration's function. */
  internalServerError: () => restResponse(500, { message: 'Internal server error' }, 'InternalServerErrorException'),
  integrationTimeout: () => restResponse(504, { message: 'Endpoint request timed out' }, 'InternalServerErrorException'),
  requestTooLarge: () => restResponse(413, { message: 'Request Too Long' }, 'RequestTooLargeException'),
};

/** A function URL's own answers (Lambda's front end words them). */
export const functionUrlResponses = {
  forbidden: () =>
    jsonResponse(
      403,
      { Message: 'Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html' },
      { 'x-amzn-errortype': 'AccessDeniedException' },
    ),
  invalidSignature: (message: string) => jsonResponse(403, { message }, { 'x-amzn-errortype': 'InvalidSignatureException' }),
  functionError: (): HttpResponse => ({ statusCode: 502, headers: { 'content-type': 'application/json' }, body: Buffer.from('Internal Server Error') }),
  throttled: () => jsonResponse(429, { Message: 'Rate Exceeded.' }, { 'x-amzn-errortype': 'TooManyRequestsException' }),
  payloadTooLarge: () => jsonResponse(413, { Message: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation' }, { 'x-amzn-errortype': 'RequestTooLargeException' }),
};
