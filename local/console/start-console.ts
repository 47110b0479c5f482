import { join } from 'node:path';
import type { Invocation } from '../lambda/function-pool';
import { regionOfArn } from '../provision/aws-clients';
import { type ConsoleSources, type Overview, overview } from './overview';
import { consoleBundle } from './console-bundle';
import { ConsoleProblem, type ConsoleRoutes, type RunningConsole, serveConsole } from './console-server';
import { invokeTemplates } from './invoke-templates';
import { type LogView, logView } from './log-view';
import { QueueActions, QueueNotFound } from './queue-actions';
import { BadBrowseRequest, browseTable } from './table-browser';
import { assembleTrail } from './trail';
import { trailState } from './trail-state';

export interface ConsoleOptions extends ConsoleSources {
  /** 0: any free port. */
  readonly port: number;
  /** Where the bundled page is cached (`.local/console` of the project). */
  readonly cacheDirectory: string;
  readonly accountId: string;
  readonly invoke: (functionName: string, event: unknown) => Promise<Invocation>;
}

/** How many recent log lines a new client gets first. */
const logBacklog = 500;
const overviewEveryMs = 1000;
const logsEveryMs = 200;

const notFoundAs = async <T>(work: Promise<T>): Promise<T> => {
  try {
    return await work;
  } catch (error) {
    if (error instanceof QueueNotFound) throw new ConsoleProblem(404, error.message);
    if (error instanceof BadBrowseRequest) throw new ConsoleProblem(400, error.message);
    throw error;
  }
};

/**
 * Starts the local console (docs/local-runtime.md, "The console"): the page, its API over the
 * runtime's observations and emulators, and live updates by server-sent events while a page is open.
 */
export const startConsole = async (options: ConsoleOptions): Promise<RunningConsole> => {
  const { observer, model, clients } = options;
  const queues = new QueueActions(clients, options.sqsEndpoint);
  const fn = (name: string) => {
    const found = model().functions.find((candidate) => candidate.displayName === name || candidate.name === name);
    if (!found) throw new ConsoleProblem(404, `There is no function ${name}`);
    return found;
  };
  const table = (name: string) => {
    const found = model().tables.find((candidate) => candidate.name === name);
    if (!found) throw new ConsoleProblem(404, `There is no table ${name}`);
    return found;
  };

  // One overview a second, shared by every open page; none while no page is open.
  const pages = new Set<(event: string, data: unknown) => void>();
  let pendingLogs: LogView[] = [];
  let computing = false;
  const broadcast = (event: string, data: unknown) => {
    for (const send of pages) send(event, data);
  };
  const tick = () => {
    if (pages.size === 0 || computing) return;
    computing = true;
    overview(options)
      .then((current: Overview) => broadcast('overview', current))
      .catch((error: Error) => broadcast('failure', { detail: error.message }))
      .finally(() => (computing = false));
  };
  const overviewTimer = setInterval(tick, overviewEveryMs);
  const logsTimer = setInterval(() => {
    if (pendingLogs.length === 0) return;
    broadcast('logs', pendingLogs);
    pendingLogs = [];
  }, logsEveryMs);
  overviewTimer.unref();
  logsTimer.unref();
  const onLog = (line: Parameters<typeof logView>[0]) => pendingLogs.push(logView(line));

  const routes: ConsoleRoutes = {
    get: {
      '/api/overview': () => overview(options),
      '/api/trail/:id': async ({ params }) =>
        trailState(assembleTrail(observer, model(), params.id!), {
          sqsEndpoint: options.sqsEndpoint,
          dynamodbFor: (name) => {
            const found = model().tables.find((candidate) => candidate.name === name);
            return found && clients.for(regionOfArn(found.arn)).dynamodb;
          },
        }),
      '/api/queues/:name': async ({ params }) => {
        const queue = await notFoundAs(queues.peek(params.name!));
        return { ...queue, moveTasks: await queues.moveTasks(queue.arn) };
      },
      '/api/tables/:name': ({ params, query }) =>
        notFoundAs(browseTable(clients, table(params.name!), { partitionKey: query.get('partitionKey') || undefined, cursor: query.get('cursor') || undefined })),
      '/api/functions/:name/templates': async ({ params }) => invokeTemplates(model(), fn(params.name!), options.accountId),
    },
    post: {
      '/api/queues/:name/redrive': ({ params }) => notFoundAs(queues.redrive(params.name!)),
      '/api/queues/:name/purge': async ({ params, body }) => {
        const { confirm } = await body();
        if (confirm !== params.name) throw new ConsoleProblem(400, `To purge, confirm with the queue's name: {"confirm": "${params.name}"}`);
        await notFoundAs(queues.purge(params.name!));
        return undefined;
      },
      '/api/functions/:name/invoke': async ({ params, body }) => {
        const target = fn(params.name!);
        const { event } = await body();
        if (event === undefined) throw new ConsoleProblem(400, 'Send the event to invoke the function with: {"event": {...}}');
        const started = Date.now();
        const { requestId, outcome } = await options.invoke(target.name, event);
        return { requestId, outcome, durationMs: Date.now() - started };
      },
    },
    events: (sendEvent) => {
      if (pages.size === 0) observer.on('log', onLog);
      pages.add(sendEvent);
      sendEvent('logs', observer.logs.toArray().slice(-logBacklog).map(logView));
      overview(options).then((current) => sendEvent('overview', current), () => undefined);
      return () => {
        pages.delete(sendEvent);
        if (pages.size === 0) {
          observer.off('log', onLog);
          pendingLogs = [];
        }
      };
    },
  };
  const bundle = await consoleBundle(options.cacheDirectory);
  const running = await serveConsole(options.port, bundle, routes);
  return {
    ...running,
    close: async () => {
      clearInterval(overviewTimer);
      clearInterval(logsTimer);
      observer.off('log', onLog);
      await running.close();
    },
  };
};

export const consoleCacheDirectory = (projectDirectory: string) => join(projectDirectory, '.local', 'console');
