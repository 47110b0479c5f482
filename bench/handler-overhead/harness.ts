/**
 * Runs in a process of its own with the function's environment (stdout discarded, as Lambda's log
 * capture would take it): loads a harness bundle and alternates calls of the wrapped handler, of the
 * route's bare logic, and of the middleware around a stand-in for the logic, for the given time, then
 * reports the durations.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { CapturedRoute } from './capturing-http';
import type { HarnessResult, HarnessTask } from './harness-protocol';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

interface HarnessBundle {
  handler: Handler;
  capturedRoutes: CapturedRoute[];
  wrapRoute: (spec: CapturedRoute['spec'], handle: CapturedRoute['handle']) => Handler;
  logger: { setCorrelationId(id: string): void };
  Problem: new (...args: never[]) => Error;
}

const micros = (since: number) => (performance.now() - since) * 1000;

const lambdaContext = (): Context =>
  ({
    callbackWaitsForEmptyEventLoop: true,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:${process.env.AWS_LAMBDA_FUNCTION_NAME}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: randomUUID(),
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => 10_000,
  }) as Context;

const measure = async (task: HarnessTask): Promise<HarnessResult> => {
  const bundle = require(task.bundleFile) as HarnessBundle; // eslint-disable-line @typescript-eslint/no-require-imports -- the bundle is built at run time
  const [route, ...more] = bundle.capturedRoutes;
  if (!route || more.length > 0) throw new Error(`${task.bundleFile} defines ${bundle.capturedRoutes.length} HTTP routes; one was expected`);
  const run = randomBytes(4).toString('hex');
  let calls = 0;
  const nextEvent = (): APIGatewayProxyEventV2 => JSON.parse(task.eventTemplate.replaceAll('__N__', `${run}-${calls++}`)) as APIGatewayProxyEventV2;
  const bareInput = (event: APIGatewayProxyEventV2) => ({
    body: route.spec.body ? (route.spec.body as { parse(input: unknown): unknown }).parse(JSON.parse(event.body ?? '')) : undefined,
    query: route.spec.query ? (route.spec.query as { parse(input: unknown): unknown }).parse(event.queryStringParameters ?? {}) : undefined,
    path: route.spec.path ? (route.spec.path as { parse(input: unknown): unknown }).parse(event.pathParameters ?? {}) : undefined,
    event,
  });
  const statuses: Record<string, number> = {};

  const callWrapped = async (wrapped: Handler, countStatus: boolean) => {
    const event = nextEvent();
    process.env._X_AMZN_TRACE_ID = `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')};Sampled=0`;
    const context = lambdaContext();
    const started = performance.now();
    const response = await wrapped(event, context);
    const elapsed = micros(started);
    const status = String(response.statusCode);
    if (countStatus) statuses[status] = (statuses[status] ?? 0) + 1;
    if (response.statusCode! >= 500) throw new Error(`The handler answered ${status}: ${response.body}`);
    return elapsed;
  };
  let answer: { response?: APIGatewayProxyStructuredResultV2; problem?: Error } = {};
  const callBare = async () => {
    const event = nextEvent();
    const input = bareInput(event);
    bundle.logger.setCorrelationId(event.requestContext.requestId);
    const started = performance.now();
    try {
      answer = { response: await route.handle(input as never) };
    } catch (error) {
      // A Problem is the logic's answer (a 404, say), which the middleware would render.
      if (!(error instanceof bundle.Problem)) throw error;
      answer = { problem: error };
    }
    return micros(started);
  };
  const standIn = bundle.wrapRoute(route.spec, async () => {
    if (answer.problem) throw answer.problem;
    return structuredClone(answer.response!);
  });

  for (let warmup = 0; warmup < 5; warmup++) {
    await callWrapped(bundle.handler, true);
    await callBare();
    await callWrapped(standIn, false);
  }
  for (const key of Object.keys(statuses)) delete statuses[key];
  const handlerMicros: number[] = [];
  const bareMicros: number[] = [];
  const middlewareMicros: number[] = [];
  const ends = performance.now() + task.seconds * 1000;
  while (handlerMicros.length < task.minPairs || performance.now() < ends) {
    handlerMicros.push(await callWrapped(bundle.handler, true));
    bareMicros.push(await callBare());
    middlewareMicros.push(await callWrapped(standIn, false));
  }
  return { handlerMicros, bareMicros, middlewareMicros, statuses };
};

process.once('message', (task: HarnessTask) => {
  measure(task).then(
    (result) => process.send!(result, () => process.exit(0)),
    (error: Error) => {
      process.stderr.write(`${error.stack ?? error.message}\n`);
      process.exit(1);
    },
  );
});
