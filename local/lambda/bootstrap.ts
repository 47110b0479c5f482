/**
 * The runtime inside one execution environment (a child process of its own): loads the function's
 * handler once, the way Lambda's Node.js runtime does in its init phase, then runs one invocation at
 * a time as the parent asks. Bundled by esbuild at start-up and run by plain Node, so nothing of the
 * local tooling is loaded next to the function's code.
 */
import { existsSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatConsole, logRuntimeError } from './console-format';
import type { FromEnvironment, InvocationMeasures, LambdaError, ToEnvironment } from './protocol';

type Handler = (event: unknown, context: unknown, callback?: (error?: unknown, result?: unknown) => void) => unknown;

const send = (message: FromEnvironment) => process.send!(message);

const asLambdaError = (error: unknown, errorType?: string): LambdaError => {
  if (error instanceof Error) {
    return { errorType: errorType ?? error.name, errorMessage: error.message, trace: error.stack?.split('\n') ?? [] };
  }
  return { errorType: errorType ?? 'Error', errorMessage: String(error), trace: [] };
};

class InitError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Lambda's Node.js runtimes (18 and later) look in `NODE_PATH` for ES modules too, where Node itself
 * does not: an `.mjs` handler imports the runtime's AWS SDK from there. A bare specifier that does not
 * resolve from the importing module is looked up in each `NODE_PATH` directory, in order.
 */
const resolveEsModulesOnNodePath = () => {
  const directories = (process.env.NODE_PATH ?? '').split(delimiter).filter(Boolean);
  if (directories.length === 0) return;
  const parents = directories.map((directory) => pathToFileURL(join(directory, 'index.js')).href);
  const hooks = `
    const parents = ${JSON.stringify(parents)};
    export async function resolve(specifier, context, next) {
      try {
        return await next(specifier, context);
      } catch (error) {
        const bare = !specifier.startsWith('.') && !specifier.startsWith('/') && !specifier.includes(':');
        if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !bare) throw error;
        for (const parentURL of parents) {
          try {
            return await next(specifier, { ...context, parentURL });
          } catch {}
        }
        throw error;
      }
    }`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`);
};

const loadHandler = async (): Promise<Handler> => {
  const taskRoot = process.env.LAMBDA_TASK_ROOT!;
  const spec = process.env._HANDLER!;
  const dot = spec.lastIndexOf('.');
  const [modulePath, exportName] = [spec.slice(0, dot), spec.slice(dot + 1)];
  const file = ['.js', '.mjs', '.cjs'].map((extension) => join(taskRoot, modulePath + extension)).find(existsSync);
  if (!file) throw new InitError('Runtime.ImportModuleError', `Error: Cannot find module '${modulePath}'`);
  if (file.endsWith('.mjs')) resolveEsModulesOnNodePath();
  const loaded = (
    file.endsWith('.mjs') ? await import(pathToFileURL(file).href) : createRequire(file)(file)
  ) as Record<string, unknown>;
  const handler = loaded[exportName];
  if (typeof handler !== 'function') throw new InitError('Runtime.HandlerNotFound', `${spec} is undefined or not exported`);
  return handler as Handler;
};

const contextFor = (message: ToEnvironment) => {
  const env = process.env;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: message.invokedFunctionArn,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: message.requestId,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => Math.max(0, message.deadline - Date.now()),
  };
};

/** Async handlers return a promise; older ones call back. Whichever answers first counts. */
const run = (handler: Handler, event: unknown, context: unknown): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const callback = (error?: unknown, result?: unknown) => (error ? reject(error) : resolve(result));
    const returned = handler(event, context, callback);
    if (returned && typeof (returned as Promise<unknown>).then === 'function') {
      (returned as Promise<unknown>).then(resolve, reject);
    } else if (handler.length < 3) {
      resolve(returned);
    }
  });

let currentRequestId: string | undefined;

const measuresSince = (started: number): InvocationMeasures => ({
  durationMs: performance.now() - started,
  memoryUsedMb: process.memoryUsage.rss() / 2 ** 20,
});

const main = async () => {
  formatConsole(() => currentRequestId);
  let handler: Handler;
  const initStarted = performance.now();
  try {
    handler = await loadHandler();
  } catch (error) {
    const lambdaError = error instanceof InitError ? { errorType: error.errorType, errorMessage: error.message } : asLambdaError(error, 'Runtime.UserCodeSyntaxError');
    logRuntimeError('Init Error', lambdaError);
    send({ type: 'init-error', error: lambdaError });
    return;
  }
  // Like Lambda: an exception nobody caught ends the environment; the parent reports the invocation failed.
  process.on('uncaughtException', (error) => {
    logRuntimeError('Uncaught Exception', asLambdaError(error));
    process.exit(1);
  });
  process.on('message', async (message: ToEnvironment) => {
    const started = performance.now();
    currentRequestId = message.requestId;
    process.env._X_AMZN_TRACE_ID = message.traceId;
    try {
      const result = await run(handler, JSON.parse(message.event), contextFor(message));
      send({ type: 'result', requestId: message.requestId, payload: JSON.stringify(result ?? null), ...measuresSince(started) });
    } catch (error) {
      const lambdaError = asLambdaError(error);
      logRuntimeError('Invoke Error', lambdaError);
      send({ type: 'error', requestId: message.requestId, error: lambdaError, ...measuresSince(started) });
    } finally {
      currentRequestId = undefined;
    }
  });
  // The parent is gone: so is this environment.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', initDurationMs: performance.now() - initStarted });
};

void main();
