import { createHash, randomUUID } from 'node:crypto';
import type { AppModel, FunctionSpec } from '../assembly/app-model';
import { kinesisEventRecord } from '../event-sources/kinesis-source';
import { sqsRecord } from '../event-sources/sqs-event';
import type { GatewayRequest } from '../gateway/http-request';
import { gatewayRequestId, payloadV2Event } from '../gateway/payload-v2';

/** A route's path with an example value in each path parameter: `/orders/{orderId}` → `/orders/example-orderId`. */
const examplePath = (path: string) => path.replace(/\{([^}+]+)\+?\}/g, (_, name: string) => `example-${name}`);

const httpTemplate = (model: AppModel, fn: FunctionSpec, accountId: string) => {
  const served = model.apis.flatMap((api) =>
    api.routes.filter((route) => route.integration?.functionArn === fn.arn || route.integration?.functionArn === fn.name).map((route) => ({ api, route })),
  );
  const { api, route } = served[0] ?? {};
  const [method = 'GET', path = '/'] = !route || route.routeKey === '$default' ? [] : route.routeKey.split(' ');
  const rawPath = examplePath(path);
  const body = method === 'GET' || method === 'DELETE' || method === 'ANY' ? '' : '{}';
  const request: GatewayRequest = {
    method: method === 'ANY' ? 'GET' : method,
    rawPath,
    rawQueryString: '',
    headers: { host: 'localhost', 'content-type': 'application/json', 'user-agent': 'local-console' },
    rawHeaders: [],
    cookies: [],
    body: Buffer.from(body),
    sourceIp: '127.0.0.1',
    protocol: 'HTTP/1.1',
    requestId: gatewayRequestId(),
    receivedAt: new Date(),
  };
  const pathParameters = Object.fromEntries([...path.matchAll(/\{([^}+]+)\+?\}/g)].map(([, name]) => [name!, `example-${name}`]));
  return payloadV2Event(request, {
    accountId,
    apiId: api?.apiId ?? 'console',
    routeKey: route?.routeKey ?? '$default',
    ...(Object.keys(pathParameters).length > 0 && { pathParameters }),
  });
};

const sqsTemplate = (model: AppModel, fn: FunctionSpec) => {
  const mapping = model.eventSourceMappings.find((candidate) => candidate.functionArn === fn.arn && candidate.source.kind === 'sqs');
  const queueArn = mapping?.source.kind === 'sqs' ? mapping.source.queue.arn : `arn:aws:sqs:${fn.region}:000000000000:example-queue`;
  const body = '{}';
  const now = String(Date.now());
  const message = {
    MessageId: randomUUID(),
    ReceiptHandle: 'local-console',
    Body: body,
    MD5OfBody: createHash('md5').update(body).digest('hex'),
    Attributes: { ApproximateReceiveCount: '1', SentTimestamp: now, SenderId: 'local-console', ApproximateFirstReceiveTimestamp: now },
  };
  return { Records: [sqsRecord(message, queueArn, fn.region)] };
};

const kinesisTemplate = (model: AppModel, fn: FunctionSpec) => {
  const mapping = model.eventSourceMappings.find((candidate) => candidate.functionArn === fn.arn && candidate.source.kind === 'kinesis');
  const streamArn = mapping?.source.kind === 'kinesis' ? mapping.source.stream.arn : `arn:aws:kinesis:${fn.region}:000000000000:stream/example-stream`;
  const record = { Data: Buffer.from('{}'), PartitionKey: 'local-console', SequenceNumber: '49590338271490256608559692538361571095921575989136588898' };
  return { Records: [kinesisEventRecord('shardId-000000000000', { record, sequenceNumber: record.SequenceNumber, arrival: Date.now() }, { streamArn, region: fn.region, executionRoleArn: fn.roleArn })] };
};

/**
 * Example events for a function, as the runtime's own gateway and pollers build them: an HTTP API
 * request (for the function's route, if it has one), an SQS message and a Kinesis record (from its
 * queue or stream, if a mapping names one).
 */
export const invokeTemplates = (model: AppModel, fn: FunctionSpec, accountId: string) => {
  const routed = model.apis.some((api) => api.routes.some((route) => route.integration?.functionArn === fn.arn || route.integration?.functionArn === fn.name));
  const polled = model.eventSourceMappings.find((mapping) => mapping.functionArn === fn.arn)?.source.kind;
  return {
    http: httpTemplate(model, fn, accountId),
    sqs: sqsTemplate(model, fn),
    kinesis: kinesisTemplate(model, fn),
    /** The template that fits how the function is called, if any. */
    suggested: routed ? 'http' : polled === 'sqs' || polled === 'kinesis' ? polled : undefined,
  };
};
