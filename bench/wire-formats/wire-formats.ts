import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { encodeEnvelope } from '@connectrpc/connect/protocol';
import { GetOrderRequestSchema, OrderSchema } from '../../functions/shared/gen/shop/v1/order_pb';
import { prepareShop } from '../saga/shop-fixtures';
import { ShopClient, terminalStatuses } from '../support/shop-client';
import { type Summary, summarize } from '../support/stats';

/** One way of reading an order, and what it cost. */
export interface WireFormatFigures {
  readonly format: string;
  readonly call: string;
  /** HTTP bodies only. */
  readonly requestBodyBytes: number;
  readonly responseBodyBytes: number;
  /** Everything on the TCP connection for one call: request line, headers (the bearer token among them), bodies. */
  readonly requestWireBytes: number;
  readonly responseWireBytes: number;
  readonly latencyMs: Summary;
}

export interface WireFormatsReport {
  readonly calls: number;
  readonly order: { readonly lines: number; readonly status: string };
  readonly formats: WireFormatFigures[];
}

interface Format {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly path: (orderId: string) => string;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
  readonly body?: (orderId: string) => Buffer;
  /** The order id read back from the answer: proof that the call worked. */
  readonly orderIdOf: (body: Buffer) => string;
}

const binaryRequest = (orderId: string) => Buffer.from(toBinary(GetOrderRequestSchema, create(GetOrderRequestSchema, { orderId })));
const rpcPath = () => '/shop.v1.OrderService/GetOrder';

const formats: Format[] = [
  { name: 'REST, JSON', method: 'GET', path: (orderId) => `/orders/${orderId}`, orderIdOf: (body) => JSON.parse(body.toString()).orderId },
  {
    name: 'Connect, JSON',
    method: 'POST',
    path: rpcPath,
    contentType: 'application/json',
    headers: { 'connect-protocol-version': '1' },
    body: (orderId) => Buffer.from(JSON.stringify({ orderId })),
    orderIdOf: (body) => JSON.parse(body.toString()).orderId,
  },
  {
    name: 'Connect, binary',
    method: 'POST',
    path: rpcPath,
    contentType: 'application/proto',
    headers: { 'connect-protocol-version': '1' },
    body: binaryRequest,
    orderIdOf: (body) => fromBinary(OrderSchema, body).orderId,
  },
  {
    name: 'gRPC-Web, binary',
    method: 'POST',
    path: rpcPath,
    contentType: 'application/grpc-web+proto',
    headers: { 'x-grpc-web': '1' },
    body: (orderId) => Buffer.from(encodeEnvelope(0, binaryRequest(orderId))),
    // The first frame is the message (flag 0, 4-byte length); a trailer frame with grpc-status follows.
    orderIdOf: (body) => {
      if (body[0] !== 0) throw new Error(`gRPC-Web answer without a message frame: ${body.toString()}`);
      return fromBinary(OrderSchema, body.subarray(5, 5 + body.readUInt32BE(1))).orderId;
    },
  },
];

interface Exchange {
  readonly status: number;
  readonly body: Buffer;
  readonly requestWireBytes: number;
  readonly responseWireBytes: number;
  readonly ms: number;
}

/** One call on a kept-alive connection, with the bytes its socket carried each way. */
const exchange = (agent: Agent, url: URL, format: Format, orderId: string, token: string): Promise<Exchange> =>
  new Promise((resolve, reject) => {
    const body = format.body?.(orderId);
    const started = performance.now();
    const outgoing = request(new URL(format.path(orderId), url), {
      agent,
      method: format.method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(format.contentType && { 'content-type': format.contentType }),
        ...(body && { 'content-length': body.length }),
        ...format.headers,
      },
    });
    let socket: Socket | undefined;
    let before = { written: 0, read: 0 };
    outgoing.on('socket', (assigned: Socket) => {
      socket = assigned;
      before = { written: assigned.bytesWritten, read: assigned.bytesRead };
    });
    outgoing.on('error', reject);
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks),
          requestWireBytes: socket!.bytesWritten - before.written,
          responseWireBytes: socket!.bytesRead - before.read,
          ms: performance.now() - started,
        }),
      );
    });
    outgoing.end(body);
  });

/** A confirmed order of three priced lines: what a customer reads back most. */
const confirmedOrder = async (apiUrl: string) => {
  const shop = new ShopClient(apiUrl);
  const { shoppers, skus } = await prepareShop(shop, { shoppers: 1, products: 3, unitsEach: 10, prefix: 'BENCH-WIRE' });
  const shopper = shoppers[0]!;
  const orderId = await shop.placeOrder(shopper.token, skus.map((sku, index) => ({ sku, quantity: index + 1 })));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { status } = await shop.orderState(shopper.token, orderId);
    if (terminalStatuses.includes(status)) return { token: shopper.token, orderId, status, lines: skus.length };
    if (Date.now() > deadline) throw new Error(`Order ${orderId} is still ${status} after a minute`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/**
 * One order read four ways through the local gateway, the JWT authorizer and a warm function:
 * REST JSON (GET /orders/{orderId}), and OrderService/GetOrder over Connect JSON, Connect binary and
 * gRPC-Web. Calls alternate between the formats, one at a time on one kept-alive connection each.
 */
export const measureWireFormats = async (apiUrl: string, settings: { calls: number }): Promise<WireFormatsReport> => {
  const { token, orderId, status, lines } = await confirmedOrder(apiUrl);
  const url = new URL(apiUrl);
  const agents = formats.map(() => new Agent({ keepAlive: true, maxSockets: 1 }));
  const samples = formats.map(() => [] as Exchange[]);
  try {
    // The first call of each starts its function's execution environment: not measured.
    for (const [index, format] of formats.entries()) await exchange(agents[index]!, url, format, orderId, token);
    for (let call = 0; call < settings.calls; call++) {
      for (const [index, format] of formats.entries()) {
        const result = await exchange(agents[index]!, url, format, orderId, token);
        if (result.status !== 200 || format.orderIdOf(result.body) !== orderId) {
          throw new Error(`${format.name} answered ${result.status}: ${result.body.toString('utf8').slice(0, 200)}`);
        }
        samples[index]!.push(result);
      }
    }
  } finally {
    for (const agent of agents) agent.destroy();
  }
  return {
    calls: settings.calls,
    order: { lines, status },
    formats: formats.map((format, index) => {
      const [first] = samples[index]!;
      return {
        format: format.name,
        call: format.method === 'GET' ? 'GET /orders/{orderId}' : `POST ${rpcPath()}`,
        requestBodyBytes: format.body?.(orderId).length ?? 0,
        responseBodyBytes: first!.body.length,
        requestWireBytes: first!.requestWireBytes,
        responseWireBytes: first!.responseWireBytes,
        latencyMs: summarize(samples[index]!.map((sample) => sample.ms)),
      };
    }),
  };
};
