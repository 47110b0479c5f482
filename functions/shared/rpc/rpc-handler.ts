import type { DescMessage, DescMethodUnary, MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import { createConnectRouter, createContextKey, createContextValues, type HandlerContext, type MethodImpl } from '@connectrpc/connect';
import { uResponseNotFound } from '@connectrpc/connect/protocol';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { correlationId, type HttpResponse } from '../http';
import { observability } from '../observability';
import { toLambdaResponse, toUniversalRequest } from './lambda-connect';
import { connectErrorOf } from './rpc-errors';

/** The API Gateway event of the call being handled: the caller's verified claims are in it. */
const gatewayEvent = createContextKey<APIGatewayProxyEventV2 | undefined>(undefined, { description: 'API Gateway event' });

export interface RpcCall {
  /** The API Gateway event: read the caller with `callerOf(call.event)`, as REST handlers do. */
  readonly event: APIGatewayProxyEventV2;
  readonly context: HandlerContext;
}

/** Requests as large as the REST routes take (16 KiB); Connect answers a larger one `resource_exhausted`. */
const readMaxBytes = 16 * 1024;

/**
 * One unary RPC method as a Lambda function behind the HTTP API, at `POST /<package.Service>/<Method>`:
 * the Connect protocol (JSON and binary) and gRPC-Web (binary or JSON; not its base64 text form), not gRPC itself (it needs
 * HTTP/2 trailers end to end, see docs/decisions/0040-rpc-over-connect.md). Wrapped like every HTTP
 * handler (logs, metrics, traces, correlation id); a Problem thrown by the application code becomes the
 * matching Connect error.
 */
export const rpcHandler = <I extends DescMessage, O extends DescMessage>(
  method: DescMethodUnary<I, O>,
  implement: (request: MessageShape<I>, call: RpcCall) => Promise<MessageInitShape<O>>,
) => {
  const router = createConnectRouter({ grpc: false, grpcWeb: true, connect: true, readMaxBytes, jsonOptions: { ignoreUnknownFields: false } });
  const unary = async (request: MessageShape<I>, context: HandlerContext) => {
    try {
      return await implement(request, { event: context.values.get(gatewayEvent)!, context });
    } catch (error) {
      throw connectErrorOf(error);
    }
  };
  // MethodImpl picks the unary signature by a conditional type, which TypeScript cannot resolve for a generic method.
  router.rpc(method, unary as unknown as MethodImpl<typeof method>);
  const [serve] = router.handlers;
  const handler = middy<APIGatewayProxyEventV2, HttpResponse, Error, Context>()
    .use(observability())
    .use(correlationId())
    .handler(async (event) => {
      // A route that sends another method's path here is misconfigured: answer as for an unknown method.
      if (event.rawPath !== serve!.requestPath) return toLambdaResponse(uResponseNotFound);
      const values = createContextValues().set(gatewayEvent, event);
      return toLambdaResponse(await serve!(toUniversalRequest(event, values, new AbortController().signal)));
    });
  return Object.assign(handler, { rpcMethod: method });
};
