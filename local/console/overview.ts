import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { AppModel } from '../assembly/app-model';
import { accountOfArn } from '../front-door/callers';
import type { RuntimeObserver } from '../observe/runtime-observer';
import { type AwsClients, regionOfArn } from '../provision/aws-clients';
import { functionName } from '../report';
import { deadLetterQueueOf } from './queue-inspection';
import { type StreamBacklog, streamBacklog } from './stream-backlog';
import { stackOf } from './trail';

export interface ConsoleSources {
  readonly model: () => AppModel;
  readonly observer: RuntimeObserver;
  readonly clients: AwsClients;
  readonly sqsEndpoint: string;
  /** The stream pollers' checkpoints: `<mapping key>/<shard id>` → the last sequence number done. */
  readonly streamCheckpoints: () => ReadonlyMap<string, string>;
  readonly upcomingSchedules: () => { name: string; fireAt: Date }[];
}

const ascending = (samples: readonly number[]) => [...samples].sort((a, b) => a - b);

/** Nearest-rank percentile of samples sorted in ascending order, or undefined without any. */
const nearestRank = (sorted: readonly number[], p: number): number | undefined =>
  sorted.length === 0 ? undefined : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

/** Nearest-rank percentile of the samples, or undefined without any. */
export const percentile = (samples: readonly number[], p: number): number | undefined => nearestRank(ascending(samples), p);

/** The samples' p50 and p99, sorting them once. */
const p50AndP99 = (samples: readonly number[]) => {
  const sorted = ascending(samples);
  return { p50: nearestRank(sorted, 50), p99: nearestRank(sorted, 99) };
};

const fail = (error: unknown) => ({ error: String((error as Error).message ?? error) });

const functionsOverview = ({ model, observer }: ConsoleSources) =>
  model().functions.map((fn) => {
    const stats = observer.functionStats.get(fn.displayName);
    const durations = stats?.durations.toArray() ?? [];
    return {
      name: fn.displayName,
      runtime: fn.runtime,
      invocations: stats?.invocations ?? 0,
      errors: stats?.errors ?? 0,
      coldStarts: stats?.coldStarts ?? 0,
      ...p50AndP99(durations),
      lastError: stats?.lastError,
    };
  });

/** The app's routes (HTTP APIs, REST API methods) with what their gateways answered, and requests no route took. */
const routesOverview = ({ model, observer }: ConsoleSources) => {
  const app = model();
  const target = (arn: string | undefined) => (arn ? functionName(app, arn) : '-');
  const declared = [
    ...app.apis.flatMap((api) => api.routes.map((route) => ({ api: api.name, routeKey: route.routeKey, function: target(route.integration?.functionArn) }))),
    ...app.restApis.flatMap((api) =>
      api.resources.flatMap((resource) =>
        resource.methods.map((method) => ({
          api: api.name,
          routeKey: `${method.httpMethod} ${resource.path}`,
          function: method.integration.type === 'AWS_PROXY' ? target(method.integration.functionArn) : 'MOCK',
        })),
      ),
    ),
  ];
  const seen = new Set(declared.map((route) => `${route.api} ${route.routeKey}`));
  const observedOnly = [...observer.routeStats.values()]
    .filter((stats) => !seen.has(`${stats.api} ${stats.routeKey}`))
    .map((stats) => ({ api: stats.api, routeKey: stats.routeKey === '-' ? '(no route)' : stats.routeKey, function: '-' }));
  return [...declared, ...observedOnly].map((route) => {
    const stats = observer.routeStats.get(`${route.api} ${route.routeKey === '(no route)' ? '-' : route.routeKey}`);
    const latencies = stats?.latencies.toArray() ?? [];
    return {
      ...route,
      requests: stats?.requests ?? 0,
      clientErrors: stats?.clientErrors ?? 0,
      serverErrors: stats?.serverErrors ?? 0,
      ...p50AndP99(latencies),
    };
  });
};

interface QueueCounts {
  name: string;
  arn: string;
  url: string;
  approximateMessageCount: number;
  approximateInflightCount: number;
  approximateDelayedCount: number;
}

/** Every queue in the emulator (the app's, and any made at run time), its depths, and which are dead-letter queues of which. */
const queuesOverview = async ({ clients, sqsEndpoint }: ConsoleSources) => {
  const response = await fetch(`${sqsEndpoint}/_fauxqs/queues`);
  if (!response.ok) throw new Error(`The SQS emulator answered ${response.status}`);
  const queues = (await response.json()) as QueueCounts[];
  const redrive = await Promise.all(
    queues.map(async (queue) => {
      const { Attributes = {} } = await clients
        .for(regionOfArn(queue.arn))
        // The emulator's own URL for the queue: the queue's URL names the front door, and these reads are no function's.
        .sqs.send(new GetQueueAttributesCommand({ QueueUrl: `${sqsEndpoint}/${accountOfArn(queue.arn)}/${queue.name}`, AttributeNames: ['RedrivePolicy'] }));
      return deadLetterQueueOf(Attributes);
    }),
  );
  return queues
    .map((queue, index) => ({
      name: queue.name,
      visible: queue.approximateMessageCount,
      inFlight: queue.approximateInflightCount,
      delayed: queue.approximateDelayedCount,
      deadLetterQueue: redrive[index],
      sources: queues.filter((_, other) => redrive[other] === queue.name).map((source) => source.name),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
};

const streamsOverview = async (sources: ConsoleSources) => {
  const app = sources.model();
  const mappings = app.eventSourceMappings.filter((mapping) => mapping.source.kind !== 'sqs');
  const backlogs = await Promise.all(
    mappings.map((mapping) => streamBacklog(sources.clients, mapping, sources.streamCheckpoints()).catch(fail) as Promise<StreamBacklog | { error: string }>),
  );
  const read = mappings.map((mapping, index) => ({
    name: mapping.source.kind === 'kinesis' ? mapping.source.stream.name : mapping.source.kind === 'dynamodb' ? `${mapping.source.table.name} (table stream)` : '',
    kind: mapping.source.kind,
    consumer: functionName(app, mapping.functionArn),
    ...backlogs[index],
  }));
  const unread = app.streams.filter((stream) => !mappings.some((mapping) => mapping.source.kind === 'kinesis' && mapping.source.stream.arn === stream.arn));
  return [...read, ...unread.map((stream) => ({ name: stream.name, kind: 'kinesis', consumer: '-', shards: stream.shardCount }))];
};

const tablesOverview = ({ model, clients }: ConsoleSources) =>
  Promise.all(
    model().tables.map(async (table) => {
      try {
        const { Table } = await clients.for(regionOfArn(table.arn)).dynamodb.send(new DescribeTableCommand({ TableName: table.name }));
        return { name: table.name, items: Table?.ItemCount ?? 0, keys: ((table.create.KeySchema as { AttributeName: string }[]) ?? []).map((key) => key.AttributeName) };
      } catch (error) {
        return { name: table.name, ...fail(error) };
      }
    }),
  );

const schedulesOverview = ({ model, upcomingSchedules }: ConsoleSources) => {
  const upcoming = new Map(upcomingSchedules().map((schedule) => [schedule.name, schedule.fireAt.getTime()]));
  return model().events.schedules.map((schedule) => ({ name: schedule.name, expression: schedule.expression, enabled: schedule.enabled, nextRun: upcoming.get(schedule.name) }));
};

/** What the console's overview shows: the app's parts, with what they did and hold now. */
export const overview = async (sources: ConsoleSources) => {
  const app = sources.model();
  const stackNames = [...new Set([...app.functions, ...app.tables, ...app.queues, ...app.streams].map((resource) => stackOf(resource.key)))];
  const count = (resources: readonly { key: string }[], stack: string) => resources.filter((resource) => stackOf(resource.key) === stack).length;
  const [queues, streams, tables] = await Promise.all([
    app.queues.length > 0 ? queuesOverview(sources).catch(fail) : [],
    streamsOverview(sources),
    tablesOverview(sources),
  ]);
  return {
    version: sources.observer.version,
    at: Date.now(),
    stacks: stackNames.map((name) => ({
      name,
      functions: count(app.functions, name),
      tables: count(app.tables, name),
      queues: count(app.queues, name),
      streams: count(app.streams, name),
    })),
    functions: functionsOverview(sources),
    routes: routesOverview(sources),
    queues,
    streams,
    tables,
    schedules: schedulesOverview(sources),
  };
};

export type Overview = Awaited<ReturnType<typeof overview>>;
