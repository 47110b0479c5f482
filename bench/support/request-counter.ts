import { Agent, createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServiceEndpoints } from '../../local/lambda/environment-variables';

/** What went to one emulator operation (e.g. `dynamodb TransactWriteItems`) while counting. */
export interface OperationCount {
  requests: number;
  /** Items written or read (TransactWriteItems, BatchWriteItem, ...), messages received, records put. */
  items: number;
  /** DynamoDB's own accounting, asked for with ReturnConsumedCapacity: write and read capacity units. */
  writeUnits: number;
  readUnits: number;
  requestBytes: number;
  /** Reads that found nothing (ReceiveMessage, GetRecords): the pollers' waiting, driven by time, not by orders. */
  emptyAnswers: number;
}

export type RequestCounts = Record<string, OperationCount>;

export interface RequestCounter {
  /** Where to send each service's requests instead of its emulator. */
  readonly endpoints: ServiceEndpoints;
  counts(): RequestCounts;
  reset(): void;
  stop(): Promise<void>;
}

const readAll = async (stream: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

const parse = (body: Buffer): Record<string, unknown> => {
  try {
    return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
};

const length = (value: unknown) => (Array.isArray(value) ? value.length : 0);

/** How many items a request writes or reads, and (DynamoDB) asks for its capacity to be reported. */
const requestItems = (service: string, operation: string, input: Record<string, unknown>): number => {
  if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') return length(input.TransactItems);
  if (operation === 'BatchWriteItem') {
    return Object.values((input.RequestItems ?? {}) as Record<string, unknown>).reduce<number>((total, requests) => total + length(requests), 0);
  }
  if (operation === 'BatchGetItem') {
    return Object.values((input.RequestItems ?? {}) as Record<string, { Keys?: unknown }>).reduce<number>((total, request) => total + length(request.Keys), 0);
  }
  if (service === 'kinesis' && operation === 'PutRecords') return length(input.Records);
  if (['SendMessageBatch', 'DeleteMessageBatch'].includes(operation)) return length(input.Entries);
  return 1;
};

/** The DynamoDB operations that report the capacity they consumed when asked (DynamoDB Local says `CapacityUnits`). */
const writes = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems', 'BatchWriteItem']);
const reads = new Set(['GetItem', 'Query', 'Scan', 'TransactGetItems', 'BatchGetItem']);
const withCapacity = new Set([...writes, ...reads]);

const consumedUnits = (operation: string, output: Record<string, unknown>) => {
  const entries = ([] as { CapacityUnits?: number }[]).concat((output.ConsumedCapacity as never) ?? []);
  const units = entries.reduce((total, entry) => total + (entry.CapacityUnits ?? 0), 0);
  return { writeUnits: writes.has(operation) ? units : 0, readUnits: reads.has(operation) ? units : 0 };
};

/**
 * An HTTP proxy in front of each emulator that counts requests by operation (the `X-Amz-Target` of
 * the JSON protocols), the items they carry, and, for DynamoDB, the capacity units DynamoDB Local
 * reports when each request asks for them. It sits between the AWS front door (and the runtime's own
 * clients) and the emulators. For measuring what one order costs; it adds a hop, so timings are taken
 * without it.
 */
export const startRequestCounter = async (targets: ServiceEndpoints): Promise<RequestCounter> => {
  let counts: RequestCounts = {};
  const agent = new Agent({ keepAlive: true });
  const servers = await Promise.all(
    (Object.entries(targets) as [keyof ServiceEndpoints, string][]).map(async ([service, emulator]) => {
      const server = createServer(async (incoming, outgoing) => {
        const amzTarget = String(incoming.headers['x-amz-target'] ?? '');
        const operation = amzTarget.split('.').pop() || incoming.method || '?';
        // DynamoDB Streams shares DynamoDB's endpoint.
        const api = amzTarget.startsWith('DynamoDBStreams') ? 'dynamodb-streams' : service;
        let body = await readAll(incoming);
        const input = parse(body);
        const askCapacity = service === 'dynamodb' && withCapacity.has(operation) && input.ReturnConsumedCapacity === undefined;
        if (askCapacity) body = Buffer.from(JSON.stringify({ ...input, ReturnConsumedCapacity: 'TOTAL' }));
        const upstream = httpRequest(
          `${emulator}${incoming.url}`,
          { method: incoming.method, agent, headers: { ...incoming.headers, 'content-length': body.length } },
          async (answer) => {
            const answerBody = await readAll(answer);
            const output = parse(answerBody);
            const key = `${api} ${operation}`;
            const count = (counts[key] ??= { requests: 0, items: 0, writeUnits: 0, readUnits: 0, requestBytes: 0, emptyAnswers: 0 });
            // An empty answer may leave the list out altogether.
            const read = operation === 'ReceiveMessage' ? (output.Messages ?? []) : operation === 'GetRecords' ? (output.Records ?? []) : undefined;
            count.requests++;
            count.items += read === undefined ? requestItems(service, operation, input) : length(read);
            if (read !== undefined && length(read) === 0) count.emptyAnswers++;
            count.requestBytes += body.length;
            const units = consumedUnits(operation, output);
            count.writeUnits += units.writeUnits;
            count.readUnits += units.readUnits;
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            outgoing.end(answerBody);
          },
        );
        upstream.on('error', () => outgoing.destroy());
        // The client went away before the answer (a poller stopping its long poll): so does the upstream request.
        outgoing.on('close', () => {
          if (!outgoing.writableEnded) upstream.destroy();
        });
        upstream.end(body);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return [service, server] as const;
    }),
  );
  return {
    endpoints: Object.fromEntries(servers.map(([service, server]) => [service, `http://127.0.0.1:${(server.address() as AddressInfo).port}`])) as unknown as ServiceEndpoints,
    counts: () => structuredClone(counts),
    reset: () => {
      counts = {};
    },
    stop: async () => {
      await Promise.all(
        servers.map(
          ([, server]) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
      agent.destroy();
    },
  };
};
