import type { FunctionSpec } from '../../../local/assembly/app-model';
import { Chaos } from '../../../local/chaos/chaos';
import { parseChaosSpec } from '../../../local/chaos/chaos-spec';
import type { ServiceAnswer, ServiceCall } from '../../../local/front-door/service-call';
import type { RunningInvocation } from '../../../local/lambda/function-pool';

const fn = (displayName: string) => ({ name: displayName.replace('/', '-'), arn: `arn:aws:lambda:us-east-1:000000000000:function:${displayName.replace('/', '-')}`, displayName }) as FunctionSpec;
const placeOrder = fn('OrderService/PlaceOrder');
const handleStockRequest = fn('InventoryService/HandleStockRequest');

const chaosWith = (spec?: string) => {
  const lines: string[] = [];
  const chaos = new Chaos({ functions: () => [placeOrder, handleStockRequest], functionLine: (spec, line) => void lines.push(`${spec.displayName} ${line}`) });
  chaos.set(spec === undefined ? undefined : parseChaosSpec(spec));
  return { chaos, lines };
};

afterEach(() => jest.useRealTimers());

const ok: ServiceAnswer = { status: 200, headers: {}, body: Buffer.from('{}') };

/** One AWS call of `caller` through the chaos stage; `forwarded` tells whether it reached the service. */
const callThrough = async (chaos: Chaos, caller: FunctionSpec, call: Partial<ServiceCall> = {}) => {
  let forwarded = false;
  const full = {
    service: 'dynamodb',
    operation: 'GetItem',
    protocol: 'json',
    requestId: 'request-1',
    caller: { kind: 'function', functionName: caller.name, roleArn: 'role', principalArn: 'principal' },
    ...call,
  } as ServiceCall;
  const answer = await chaos.frontDoorStage(full, async () => {
    forwarded = true;
    return ok;
  });
  return { answer, forwarded, body: answer.body.length > 0 ? (JSON.parse(answer.body.toString()) as Record<string, unknown>) : undefined };
};

describe('chaos: faults on AWS calls', () => {
  it('lets every call through while off', async () => {
    const { chaos } = chaosWith();
    for (let index = 0; index < 20; index++) expect(await callThrough(chaos, placeOrder)).toMatchObject({ answer: ok, forwarded: true });
    expect(Object.values(chaos.counts()).every((count) => count === 0)).toBe(true);
  });

  it('throttles about the share it is given, never reaching the service, and counts each', async () => {
    const { chaos } = chaosWith('throttle=0.3,seed=1');
    const outcomes = [];
    for (let index = 0; index < 1000; index++) outcomes.push(await callThrough(chaos, placeOrder));
    const throttled = outcomes.filter((outcome) => outcome.answer.status !== 200);
    expect(throttled.length).toBeGreaterThan(250);
    expect(throttled.length).toBeLessThan(350);
    expect(chaos.counts().throttle).toBe(throttled.length);
    for (const outcome of throttled) {
      expect(outcome.forwarded).toBe(false);
      expect(outcome.answer.status).toBe(400);
      expect(outcome.body).toMatchObject({ __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException' });
    }
  });

  it('makes the same choices for the same seed and the same calls', async () => {
    const run = async () => {
      const { chaos } = chaosWith('throttle=0.2,error=0.2,seed=99');
      const statuses = [];
      for (let index = 0; index < 50; index++) statuses.push((await callThrough(chaos, index % 2 ? placeOrder : handleStockRequest)).answer.status);
      return statuses;
    };
    expect(await run()).toEqual(await run());
  });

  it('hits only the functions a target names', async () => {
    const { chaos } = chaosWith('error=1@HandleStockRequest');
    expect((await callThrough(chaos, placeOrder)).answer.status).toBe(200);
    expect((await callThrough(chaos, handleStockRequest)).answer.status).toBe(500);
    expect(chaos.unmatchedTargets()).toEqual([]);
    chaos.set(parseChaosSpec('error=1@NoSuchFunction'));
    expect(chaos.unmatchedTargets()).toEqual(['NoSuchFunction']);
  });

  it('leaves calls of anyone but a function alone (the operator, a test)', async () => {
    const { chaos } = chaosWith('throttle=1');
    const answer = await chaos.frontDoorStage({ service: 'dynamodb', operation: 'GetItem', caller: { kind: 'operator', principalArn: 'root' } } as ServiceCall, async () => ok);
    expect(answer).toBe(ok);
  });

  it('answers a 500 sometimes before and sometimes after the service acted', async () => {
    const { chaos } = chaosWith('error=1,seed=3');
    const outcomes = [];
    for (let index = 0; index < 40; index++) outcomes.push(await callThrough(chaos, placeOrder, { service: 'sqs', operation: 'SendMessage' }));
    expect(new Set(outcomes.map((outcome) => outcome.forwarded))).toEqual(new Set([true, false]));
    for (const outcome of outcomes) {
      expect(outcome.answer.status).toBe(500);
      expect(outcome.answer.headers['x-amzn-query-error']).toBe('InternalFailure;Receiver');
    }
  });

  it('resets the connection instead of answering', async () => {
    const { chaos } = chaosWith('reset=1');
    expect((await callThrough(chaos, placeOrder)).answer.resetConnection).toBe(true);
    expect(chaos.counts().reset).toBe(1);
  });

  it('never answers a timed-out call until its caller goes away', async () => {
    jest.useFakeTimers();
    const { chaos } = chaosWith('timeout=1');
    const abandoned = new AbortController();
    let settled = false;
    const answer = callThrough(chaos, placeOrder, { signal: abandoned.signal }).then((outcome) => {
      settled = true;
      return outcome;
    });
    // Longer than any function may wait (Lambda's 15 minutes), just short of it.
    await jest.advanceTimersByTimeAsync(15 * 60_000 - 1);
    expect(settled).toBe(false);
    abandoned.abort();
    expect((await answer).answer.resetConnection).toBe(true);
  });

  it('slows a call by the given delay, then lets it through', async () => {
    const { chaos } = chaosWith('slow=1:120ms');
    const started = Date.now();
    expect(await callThrough(chaos, placeOrder)).toMatchObject({ answer: ok, forwarded: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
    expect(chaos.counts().slow).toBe(1);
  });

  it.each([
    ['dynamodb', 'TransactWriteItems', 400, 'TransactionCanceledException'],
    ['dynamodb', 'DescribeTable', 400, 'ThrottlingException'],
    ['sqs', 'SendMessage', 403, 'RequestThrottled'],
    ['sqs', 'ListQueues', 400, 'ThrottlingException'],
    ['kinesis', 'PutRecord', 400, 'ProvisionedThroughputExceededException'],
    ['kinesis', 'ListShards', 400, 'LimitExceededException'],
    ['lambda', 'Invoke', 429, 'TooManyRequestsException'],
    ['secretsmanager', 'GetSecretValue', 400, 'ThrottlingException'],
  ])('throttles a %s %s call with HTTP %d %s, as that service does', async (service, operation, status, code) => {
    const { chaos } = chaosWith('throttle=1');
    const { answer } = await callThrough(chaos, placeOrder, { service, operation, protocol: service === 'lambda' ? 'rest-json' : 'json', input: {} });
    expect(answer.status).toBe(status);
    expect(answer.headers['x-amzn-errortype']).toBe(code);
  });

  it('cancels a throttled transaction with ThrottlingError as the reason of one of its items', async () => {
    const { chaos } = chaosWith('throttle=1');
    const { body } = await callThrough(chaos, placeOrder, { operation: 'TransactWriteItems', input: { TransactItems: [{}, {}, {}] } });
    const reasons = (body!.CancellationReasons as { Code: string }[]).map((reason) => reason.Code);
    expect(reasons).toHaveLength(3);
    expect(reasons.filter((code) => code === 'ThrottlingError')).toHaveLength(1);
    expect(reasons.filter((code) => code === 'None')).toHaveLength(2);
  });
});

describe('chaos: killed execution environments', () => {
  const invocation = (target: FunctionSpec) => {
    let alive = true;
    const running: RunningInvocation & { alive: () => boolean } = {
      fn: target,
      requestId: 'request-1',
      kill: () => {
        const was = alive;
        alive = false;
        return was;
      },
      alive: () => alive,
    };
    return running;
  };

  it('kills every chosen invocation: while it runs, or as it answers if it answers first', async () => {
    jest.useFakeTimers();
    const { chaos, lines } = chaosWith('kill=1@PlaceOrder');
    const slow = invocation(placeOrder);
    const watch = chaos.kills.started(slow);
    jest.advanceTimersByTime(50); // its typical duration until it has run: the kill comes within it
    expect(slow.alive()).toBe(false);
    expect(watch.killBeforeAnswer()).toBe(false);
    watch.ended();

    const quick = invocation(placeOrder);
    const quickWatch = chaos.kills.started(quick);
    expect(quickWatch.killBeforeAnswer()).toBe(true);
    quickWatch.ended();
    expect(chaos.counts().kill).toBe(2);
    expect(lines).toEqual([
      expect.stringMatching(/^OrderService\/PlaceOrder \S+ RequestId: request-1 chaos: execution environment killed \(SIGKILL\) \d+ ms into it$/),
      expect.stringMatching(/chaos: execution environment killed \(SIGKILL\) as it answered$/),
    ]);
  });

  it('spares the functions a target does not name', async () => {
    const { chaos } = chaosWith('kill=1@PlaceOrder');
    const other = invocation(handleStockRequest);
    const watch = chaos.kills.started(other);
    expect(watch.killBeforeAnswer()).toBe(false);
    watch.ended();
    expect(other.alive()).toBe(true);
  });

  it('kills random busy environments so many times a second', async () => {
    jest.useFakeTimers();
    const { chaos } = chaosWith('kill=50/s,seed=5');
    const busy = Array.from({ length: 3 }, () => invocation(placeOrder));
    const watches = busy.map((running) => chaos.kills.started(running));
    jest.advanceTimersByTime(2_000);
    chaos.stop();
    for (const watch of watches) watch.ended();
    expect(busy.map((running) => running.alive())).toEqual([false, false, false]);
    expect(chaos.counts().kill).toBe(3);
  });
});

describe('chaos: duplicate deliveries', () => {
  it('hands about the share of messages to a second invocation, for the named consumers only', () => {
    const { chaos } = chaosWith('duplicate=0.5@HandleStockRequest,seed=8');
    const messages = Array.from({ length: 200 }, (_, index) => ({ id: index }));
    const twice = chaos.duplicates(handleStockRequest.arn, messages);
    expect(twice.length).toBeGreaterThan(70);
    expect(twice.length).toBeLessThan(130);
    expect(twice.every((message) => messages.includes(message))).toBe(true);
    expect(chaos.duplicates(placeOrder.arn, messages)).toEqual([]);
    expect(chaos.counts().duplicate).toBe(twice.length);
  });
});
