import { toJson } from '@bufbuild/protobuf';
import { type Client, createClient, type Interceptor, type Transport } from '@connectrpc/connect';
import { createConnectTransport, createGrpcWebTransport } from '@connectrpc/connect-node';
import { OrderService } from '../../../functions/shared/gen/shop/v1/order_pb';
import { UserService } from '../../../functions/shared/gen/shop/v1/user_pb';
import { assertAnswerMatchesDocument } from './openapi-contract';
import { apiUrl } from './target';

/** The wire formats the RPC routes speak, as a client picks them. */
export const rpcTransports = {
  'Connect, JSON': (interceptors: Interceptor[]) => createConnectTransport({ baseUrl: apiUrl(), httpVersion: '1.1', useBinaryFormat: false, interceptors }),
  'Connect, binary': (interceptors: Interceptor[]) => createConnectTransport({ baseUrl: apiUrl(), httpVersion: '1.1', useBinaryFormat: true, interceptors }),
  'gRPC-Web, binary': (interceptors: Interceptor[]) => createGrpcWebTransport({ baseUrl: apiUrl(), httpVersion: '1.1', useBinaryFormat: true, interceptors }),
} satisfies Record<string, (interceptors: Interceptor[]) => Transport>;

export type RpcTransportName = keyof typeof rpcTransports;

const bearer = (token: string): Interceptor => (next) => (request) => {
  request.header.set('authorization', `Bearer ${token}`);
  return next(request);
};

/** Each answer's message, in its JSON form, against the OpenAPI document's schema for the call. */
const documented: Interceptor = (next) => async (request) => {
  const response = await next(request);
  if (!response.stream) {
    const body = JSON.stringify(toJson(request.method.output, response.message));
    assertAnswerMatchesDocument({ method: 'POST', url: request.url, status: 200, contentType: 'application/json', body });
  }
  return response;
};

export interface RpcClients {
  readonly users: Client<typeof UserService>;
  readonly orders: Client<typeof OrderService>;
}

/** The User and Order services' RPC clients (@connectrpc/connect-node) over one transport, with a token if given. */
export const rpcClients = (transport: RpcTransportName, token?: string): RpcClients => {
  const connection = rpcTransports[transport]([documented, ...(token ? [bearer(token)] : [])]);
  return { users: createClient(UserService, connection), orders: createClient(OrderService, connection) };
};
