import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Stream } from 'aws-cdk-lib/aws-kinesis';
import { Code, Function as LambdaFunction, Runtime, StartingPosition, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { KinesisEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { ScheduledInvocation } from '../../lib/constructs/scheduled-invocation';
import { ShopChecks } from '../../lib/policy/shop-checks';

interface FunctionOptions {
  readonly tracing?: boolean;
  readonly logGroup?: boolean;
  readonly timeoutSeconds?: number;
  readonly deadLetterQueue?: boolean;
}

/** A stack under our own rule pack only, with one function built as the test asks. */
const checkedStack = (options: FunctionOptions = {}) => {
  const app = new App({ builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Checked');
  const fn = new LambdaFunction(stack, 'Consumer', {
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline('exports.handler = async () => {}'),
    timeout: Duration.seconds(options.timeoutSeconds ?? 10),
    tracing: options.tracing === false ? Tracing.DISABLED : Tracing.ACTIVE,
    logGroup: options.logGroup === false ? undefined : new LogGroup(stack, 'ConsumerLogs'),
    deadLetterQueue: options.deadLetterQueue ? new Queue(stack, 'ConsumerDeadLetters') : undefined,
  });
  Validations.of(app).addPlugins(new ShopChecks(app));
  return { app, stack, fn };
};

const findings = (app: App): string => {
  try {
    app.synth();
    return '';
  } catch (error) {
    return String(error);
  }
};

describe('our own policy pack', () => {
  it('passes a traced function with its own log group, a queue with a DLQ and a long enough visibility timeout', () => {
    const { app, stack, fn } = checkedStack();
    const dlq = new Queue(stack, 'Dlq');
    fn.addEventSource(new SqsEventSource(new Queue(stack, 'Work', { visibilityTimeout: Duration.seconds(60), deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } })));
    expect(findings(app)).toBe('');
  });

  it('fails a function without a log group of its own', () => {
    expect(findings(checkedStack({ logGroup: false }).app)).toMatch(/Shop-FunctionLogGroup/);
  });

  it('fails a function without active tracing', () => {
    expect(findings(checkedStack({ tracing: false }).app)).toMatch(/Shop-FunctionTracing/);
  });

  it('fails a queue consumer whose queue has no dead-letter queue', () => {
    const { app, stack, fn } = checkedStack();
    fn.addEventSource(new SqsEventSource(new Queue(stack, 'Work', { visibilityTimeout: Duration.seconds(60) })));
    const report = findings(app);
    expect(report).toMatch(/Shop-QueueDeadLetterQueue/);
    expect(report).not.toMatch(/Shop-QueueVisibilityTimeout/);
  });

  it('fails a queue whose visibility timeout is under six times the function timeout', () => {
    const { app, stack, fn } = checkedStack({ timeoutSeconds: 10 });
    const dlq = new Queue(stack, 'Dlq');
    fn.addEventSource(new SqsEventSource(new Queue(stack, 'Work', { visibilityTimeout: Duration.seconds(59), deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } })));
    expect(findings(app)).toMatch(/Shop-QueueVisibilityTimeout/);
  });

  it('fails a queue that sends messages to its DLQ after fewer than five receives: throttled receives count too', () => {
    const { app, stack, fn } = checkedStack();
    const dlq = new Queue(stack, 'Dlq');
    fn.addEventSource(new SqsEventSource(new Queue(stack, 'Work', { visibilityTimeout: Duration.seconds(60), deadLetterQueue: { queue: dlq, maxReceiveCount: 4 } })));
    expect(findings(app)).toMatch(/Shop-QueueReceiveCount/);
  });

  it('counts the default visibility timeout (30 s) against the function timeout', () => {
    const { app, stack, fn } = checkedStack({ timeoutSeconds: 5 });
    const dlq = new Queue(stack, 'Dlq');
    fn.addEventSource(new SqsEventSource(new Queue(stack, 'Work', { deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } })));
    expect(findings(app)).toBe('');
  });

  it('fails a stream consumer without an on-failure destination, and passes one with it', () => {
    const without = checkedStack();
    without.fn.addEventSource(new KinesisEventSource(new Stream(without.stack, 'Updates'), { startingPosition: StartingPosition.TRIM_HORIZON }));
    expect(findings(without.app)).toMatch(/Shop-StreamFailureDestination/);

    const withDestination = checkedStack();
    withDestination.fn.addEventSource(
      new KinesisEventSource(new Stream(withDestination.stack, 'Updates'), {
        startingPosition: StartingPosition.TRIM_HORIZON,
        onFailure: new SqsDlq(new Queue(withDestination.stack, 'Failed')),
      }),
    );
    expect(findings(withDestination.app)).toBe('');
  });

  it('fails a function invoked asynchronously (by SNS) that would drop failed events, and passes one with a destination or a DLQ', () => {
    const subscribed = (options: FunctionOptions = {}) => {
      const checked = checkedStack(options);
      new Topic(checked.stack, 'Events').addSubscription(new LambdaSubscription(checked.fn));
      return checked;
    };
    expect(findings(subscribed().app)).toMatch(/Shop-AsyncFailureDestination/);

    const withDestination = subscribed();
    withDestination.fn.configureAsyncInvoke({ onFailure: new SqsDestination(new Queue(withDestination.stack, 'Failed')) });
    expect(findings(withDestination.app)).toBe('');

    expect(findings(subscribed({ deadLetterQueue: true }).app)).toBe('');
  });

  it('knows a function run by a schedule is invoked asynchronously too', () => {
    const scheduled = (options: FunctionOptions = {}) => {
      const checked = checkedStack(options);
      new Schedule(checked.stack, 'Every', { schedule: ScheduleExpression.rate(Duration.minutes(1)), target: new LambdaInvoke(checked.fn) });
      return checked;
    };
    expect(findings(scheduled().app)).toMatch(/Shop-AsyncFailureDestination/);
    expect(findings(scheduled({ deadLetterQueue: true }).app)).toBe('');
  });

  it('lets a tick go without a failure destination when the schedule is a ScheduledInvocation, which says why', () => {
    const { app, stack, fn } = checkedStack();
    new ScheduledInvocation(stack, 'Sweep', { target: fn, every: Duration.minutes(1), description: 'tick' });
    expect(findings(app)).toBe('');
  });
});
