import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Code, ConnectError } from '@connectrpc/connect';
import { encodeEnvelope } from '@connectrpc/connect/protocol';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { GetUserRequestSchema, UserSchema, UserService } from '../../../functions/shared/gen/shop/v1/user_pb';
import { badRequest, notFound, Problem } from '../../../functions/shared/problem';
import { connectErrorOf } from '../../../functions/shared/rpc/rpc-errors';
import { rpcHandler } from '../../../functions/shared/rpc/rpc-handler';
import { httpEvent, lambdaContext } from '../../handlers/support/http-event';

const ann = { userId: 'u-1', email: 'ann@example.com', name: 'Ann', roles: ['customer'], createdAt: timestampFromDate(new Date('2026-11-30T09:00:00Z')) };
const path = '/shop.v1.UserService/GetUser';

/** GetUser answering from its request alone: Ann, a missing user, or a failure. */
const getUser = rpcHandler(UserService.method.getUser, async (request, { event }) => {
  if (request.userId === 'missing') throw notFound('There is no user missing.');
  if (request.userId === 'invalid') throw badRequest('The request message is not valid.', [{ detail: 'Invalid UUID', pointer: '#/userId' }]);
  if (request.userId === 'broken') throw new Error('DynamoDB said something secret');
  return { ...ann, name: event.requestContext.requestId ? ann.name : 'no event' };
});

const call = async (body: Buffer | string, contentType: string, options: { path?: string; base64?: boolean } = {}) => {
  const event: APIGatewayProxyEventV2 = {
    ...httpEvent({ method: 'POST', path: options.path ?? path, headers: { 'content-type': contentType } }),
    body: Buffer.isBuffer(body) ? body.toString('base64') : body,
    isBase64Encoded: Buffer.isBuffer(body),
  };
  const result = (await getUser(event, lambdaContext())) as APIGatewayProxyStructuredResultV2;
  const bytes = Buffer.from(result.body ?? '', result.isBase64Encoded ? 'base64' : 'utf8');
  return { status: result.statusCode, headers: result.headers ?? {}, base64: result.isBase64Encoded, bytes };
};

const binaryRequest = (userId: string) => Buffer.from(toBinary(GetUserRequestSchema, create(GetUserRequestSchema, { userId })));

/** gRPC-Web frames: a flag byte, a 4-byte big-endian length, the data. */
const framesOf = (bytes: Buffer) => {
  const frames: { flags: number; data: Buffer }[] = [];
  for (let at = 0; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at + 1);
    frames.push({ flags: bytes[at]!, data: bytes.subarray(at + 5, at + 5 + length) });
    at += 5 + length;
  }
  return frames;
};

describe('an RPC method as a Lambda function behind API Gateway', () => {
  it('answers a Connect JSON call with the message as JSON text', async () => {
    const answer = await call(JSON.stringify({ userId: 'u-1' }), 'application/json');
    expect(answer).toMatchObject({ status: 200, base64: false, headers: { 'content-type': 'application/json' } });
    expect(JSON.parse(answer.bytes.toString())).toEqual({ userId: 'u-1', email: 'ann@example.com', name: 'Ann', roles: ['customer'], createdAt: '2026-11-30T09:00:00Z' });
  });

  it('reads a base64-encoded binary body and answers binary, base64-encoded for the gateway', async () => {
    const answer = await call(binaryRequest('u-1'), 'application/proto');
    expect(answer).toMatchObject({ status: 200, base64: true, headers: { 'content-type': 'application/proto' } });
    expect(fromBinary(UserSchema, answer.bytes)).toMatchObject({ userId: 'u-1', email: 'ann@example.com', roles: ['customer'] });
  });

  it('answers gRPC-Web with the message frame, then a trailer frame carrying grpc-status 0', async () => {
    const answer = await call(Buffer.from(encodeEnvelope(0, binaryRequest('u-1'))), 'application/grpc-web+proto');
    expect(answer).toMatchObject({ status: 200, base64: true, headers: { 'content-type': 'application/grpc-web+proto' } });
    const [message, trailer] = framesOf(answer.bytes);
    expect(fromBinary(UserSchema, message!.data).email).toBe('ann@example.com');
    expect(trailer!.flags).toBe(0x80);
    expect(trailer!.data.toString()).toMatch(/grpc-status: ?0/);
  });

  it("turns a Problem into its Connect code with the REST answer's words", async () => {
    const missing = await call(JSON.stringify({ userId: 'missing' }), 'application/json');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.bytes.toString())).toEqual({ code: 'not_found', message: 'There is no user missing.' });
    const invalid = await call(JSON.stringify({ userId: 'invalid' }), 'application/json');
    expect(JSON.parse(invalid.bytes.toString())).toEqual({ code: 'invalid_argument', message: 'The request message is not valid. /userId: Invalid UUID' });
  });

  it('puts a gRPC-Web error in the trailer frame, the HTTP status staying 200', async () => {
    const answer = await call(Buffer.from(encodeEnvelope(0, binaryRequest('missing'))), 'application/grpc-web+proto');
    expect(answer.status).toBe(200);
    expect(framesOf(answer.bytes).map(({ flags, data }) => [flags, data.toString()])).toEqual([
      [0x80, 'grpc-message: There%20is%20no%20user%20missing.\r\ngrpc-status: 5\r\n'],
    ]);
  });

  it('hides any other failure behind an opaque internal error', async () => {
    const answer = await call(JSON.stringify({ userId: 'broken' }), 'application/json');
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.bytes.toString())).toEqual({ code: 'internal', message: 'internal error' });
  });

  it.each([
    ['an unknown field', '{"userId": "u-1", "isAdmin": true}'],
    ['malformed JSON', '{"userId": '],
  ])('answers %s invalid_argument', async (_case, body) => {
    const answer = await call(body, 'application/json');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.bytes.toString())).toMatchObject({ code: 'invalid_argument' });
  });

  it('refuses gRPC itself (it needs HTTP/2 trailers) and other media types: 415', async () => {
    expect((await call(Buffer.from(encodeEnvelope(0, binaryRequest('u-1'))), 'application/grpc')).status).toBe(415);
    expect((await call('userId=u-1', 'application/x-www-form-urlencoded')).status).toBe(415);
  });

  it("answers 404 when a route sends it another method's path", async () => {
    expect((await call(JSON.stringify({ userId: 'u-1' }), 'application/json', { path: '/shop.v1.UserService/DeleteUser' })).status).toBe(404);
  });
});

describe('Connect codes for Problems', () => {
  it.each([
    [400, Code.InvalidArgument],
    [401, Code.Unauthenticated],
    [403, Code.PermissionDenied],
    [404, Code.NotFound],
    [409, Code.AlreadyExists],
    [422, Code.FailedPrecondition],
    [503, Code.Unavailable],
    [500, Code.Internal],
  ])('%i is %s', (status, code) => {
    expect(connectErrorOf(new Problem(status, 'Title', 'Detail')).code).toBe(code);
  });

  it('keeps a ConnectError as it is', () => {
    const error = new ConnectError('slow down', Code.ResourceExhausted);
    expect(connectErrorOf(error)).toBe(error);
  });
});
