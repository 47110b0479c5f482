import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { localCredentials } from '../../local/lambda/environment-variables';
import { eventually } from '../e2e/support/eventually';
import { type Context, named } from './conformance-context';
import { type CallerAnswer, callAsFunction, operatorLambda } from './support/aws-caller';
import type { AwsCall } from './handlers/aws-caller';

/**
 * Fault injection (`--chaos`, `runtime.chaos.set`): each fault as the AWS SDK inside a function meets it,
 * through the real SDK of the conformance app's AwsCaller. Faults are aimed at one function per case and
 * turned off after it, so the other cases never meet them.
 */
export const chaosCases = (context: Context) =>
  describe('Fault injection', () => {
    let lambda: LambdaClient;
    const runtime = () => context().runtime;
    const call = (request: AwsCall) => callAsFunction(lambda, named(runtime().model.functions, 'AwsCaller').name, request);
    const getItem = (sku: string) => call({ call: 'dynamodb GetItem', input: { TableName: named(runtime().model.tables, 'Catalog').name, Key: { sku: { S: sku } } } });
    const putItem = (sku: string) => call({ call: 'dynamodb PutItem', input: { TableName: named(runtime().model.tables, 'Catalog').name, Item: { sku: { S: sku } } } });
    const failure = (answer: CallerAnswer) => {
      expect(answer.ok).toBe(false);
      return answer.error!;
    };

    beforeAll(() => {
      lambda = operatorLambda(runtime());
    });
    afterEach(() => runtime().chaos.set(undefined));
    afterAll(() => lambda.destroy());

    // https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
    it('throttles a function\'s calls with each service\'s own throttling error, which the SDK retries', async () => {
      runtime().chaos.set('throttle=1@AwsCaller');
      const before = runtime().chaos.counts().throttle;
      const read = failure(await getItem('tea'));
      expect(read).toMatchObject({ name: 'ProvisionedThroughputExceededException', status: 400 });
      const queueUrl = named(runtime().model.queues, 'Inbox').url;
      const send = failure(await call({ call: 'sqs SendMessage', input: { QueueUrl: queueUrl, MessageBody: 'hello' } }));
      expect(send).toMatchObject({ name: 'RequestThrottled', status: 403 });
      const topicArn = runtime().model.events.topics.find((topic) => topic.key.includes('Notices'))!.arn;
      const publish = failure(await call({ call: 'sns Publish', input: { TopicArn: topicArn, Message: 'hello' } }));
      expect(publish).toMatchObject({ status: 429 });
      for (const retried of [read, send, publish]) expect(retried.attempts).toBeGreaterThan(1);
      // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html: a throttled item cancels the transaction, which the SDK does not retry.
      const table = named(runtime().model.tables, 'Catalog').name;
      const transaction = failure(await call({ call: 'dynamodb TransactWriteItems', input: { TransactItems: [{ Put: { TableName: table, Item: { sku: { S: 'chaos-tx' } } } }] } }));
      expect(transaction).toMatchObject({ name: 'TransactionCanceledException', status: 400, attempts: 1 });
      expect(transaction.message).toContain('[ThrottlingError]');
      // Every attempt was throttled, and counted.
      expect(runtime().chaos.counts().throttle - before).toBe(read.attempts + send.attempts + publish.attempts + 1);
    });

    it('fails calls with the service\'s 500, sometimes after the service acted: a write can be made although its caller saw it fail', async () => {
      runtime().chaos.set('error=1@AwsCaller,seed=11');
      const read = failure(await getItem('tea'));
      expect(read).toMatchObject({ name: 'InternalServerError', status: 500 });
      expect(read.attempts).toBeGreaterThan(1);
      const skus = Array.from({ length: 6 }, (_, index) => `chaos-500-${Date.now()}-${index}`);
      for (const sku of skus) expect(failure(await putItem(sku))).toMatchObject({ name: 'InternalServerError' });
      runtime().chaos.set(undefined);
      const written = [];
      for (const sku of skus) if ((await getItem(sku)).output?.Item) written.push(sku);
      expect(written.length).toBeGreaterThan(0);
    });

    it('resets the connection of a call: the SDK sees ECONNRESET and retries', async () => {
      runtime().chaos.set('reset=1@AwsCaller');
      const reset = failure(await getItem('tea'));
      expect(reset.message).toMatch(/socket hang up|ECONNRESET/);
      expect(reset.attempts).toBeGreaterThan(1);
    });

    it('never answers a timed-out call: an SDK without a timeout of its own waits until the function\'s timeout ends it', async () => {
      runtime().chaos.set('timeout=1@AwsCaller');
      await expect(getItem('tea')).rejects.toThrow(/Task timed out after 10.00 seconds/);
      expect(runtime().chaos.counts().timeout).toBeGreaterThan(0);
    }, 30_000);

    it('slows a call by the delay given', async () => {
      runtime().chaos.set('slow=1:400ms@AwsCaller');
      const started = Date.now();
      expect((await getItem('tea')).ok).toBe(true);
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    });

    it('kills the execution environment mid-invocation: the invocation fails as a crash, the log says so, and the next one runs in a new environment', async () => {
      runtime().chaos.set('kill=1@Echo');
      const response = await fetch(`${runtime().url}/echo/killed`);
      expect(response.status).toBe(500);
      const echo = named(runtime().model.functions, 'Echo');
      expect(context().log.linesOf(echo.displayName)).toContainEqual(expect.stringMatching(/chaos: execution environment killed \(SIGKILL\)/));
      expect(runtime().chaos.counts().kill).toBeGreaterThan(0);
      runtime().chaos.set(undefined);
      expect((await fetch(`${runtime().url}/echo/alive`)).status).toBe(200);
    });

    it('hands an SQS message to two invocations at once, and the queue still ends empty', async () => {
      runtime().chaos.set('duplicate=1@SqsConsumer');
      const sqs = new SQSClient({ endpoint: runtime().endpoints.sqs, region: runtime().region, credentials: localCredentials });
      const queueUrl = named(runtime().model.queues, 'Work').url;
      try {
        const id = `twice-${Date.now()}`;
        await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ id, failReceives: 0 }) }));
        await eventually(() => {
          const receives = context().log.observations<{ id: string; receiveCount: number }>('sqs').filter((seen) => seen.id === id);
          // One receive, two invocations.
          expect(receives.map((seen) => seen.receiveCount)).toEqual([1, 1]);
        });
        await eventually(async () => {
          const { Attributes } = await sqs.send(
            new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
          );
          expect(Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
        });
        expect(runtime().chaos.counts().duplicate).toBeGreaterThan(0);
      } finally {
        sqs.destroy();
      }
    });

    it('says what is on, one fault a line, with the seed that repeats its choices', () => {
      runtime().chaos.set('throttle=0.5@AwsCaller,seed=3');
      expect(runtime().chaos.describe()).toEqual([
        'throttle 50 % of AWS calls of AwsCaller (each service\'s throttling error)',
        'to repeat these choices: --chaos throttle=0.5@AwsCaller,seed=3',
      ]);
    });
  });
