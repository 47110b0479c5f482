import { GetShardIteratorCommand, ListShardsCommand } from '@aws-sdk/client-kinesis';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { kinesisClient } from '../../local/emulators/kinesis';
import { assumedRoleArn } from '../../local/front-door/callers';
import { request } from '../e2e/support/http';
import { type Context, named } from './conformance-context';
import { type CallerAnswer, callAsFunction, operatorLambda, takeWarning } from './support/aws-caller';
import type { AwsCall } from './handlers/aws-caller';

/**
 * IAM for every AWS call a function makes: its role's policies and the resource's policy decide, as on
 * AWS, and a denial comes back as the service answers it. Each case names the AWS page it follows.
 */
export const iamCases = (context: Context) =>
  describe('IAM', () => {
    let lambda: LambdaClient;
    const caller = () => named(context().runtime.model.functions, 'AwsCaller');
    const call = (request: AwsCall) => callAsFunction(lambda, caller().name, request);
    const table = (id: string) => named(context().runtime.model.tables, id);
    const principal = () => assumedRoleArn(caller().roleArn, caller().name);
    const denial = (action: string, resource: string, reason = `because no identity-based policy allows the ${action} action`) =>
      `User: ${principal()} is not authorized to perform: ${action} on resource: ${resource} ${reason}`;
    const expectDenied = (answer: CallerAnswer, expected: { name: string; status: number; message: string }) => {
      expect(answer.ok).toBe(false);
      expect(answer.error).toMatchObject(expected);
      // A denial is final: the SDK does not retry it.
      expect(answer.error!.attempts).toBe(1);
    };
    const ledgerKey = (tenant: string) => ({ tenant: { S: tenant }, id: { S: 'entry-1' } });

    beforeAll(() => {
      lambda = operatorLambda(context().runtime);
    });
    afterAll(() => lambda.destroy());

    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html
    it('allows the items whose partition key the dynamodb:LeadingKeys condition names, and no others', async () => {
      const ledger = table('Ledger');
      expect((await call({ call: 'dynamodb PutItem', input: { TableName: ledger.name, Item: ledgerKey('tenant-a') } })).ok).toBe(true);
      expect((await call({ call: 'dynamodb GetItem', input: { TableName: ledger.name, Key: ledgerKey('tenant-a') } })).output).toEqual({ Item: ledgerKey('tenant-a') });
      const query = (tenant: string) =>
        call({ call: 'dynamodb Query', input: { TableName: ledger.name, KeyConditionExpression: '#t = :t', ExpressionAttributeNames: { '#t': 'tenant' }, ExpressionAttributeValues: { ':t': { S: tenant } } } });
      expect((await query('tenant-a')).ok).toBe(true);
      expectDenied(await query('tenant-b'), { name: 'AccessDeniedException', status: 400, message: denial('dynamodb:Query', ledger.arn) });
      expectDenied(await call({ call: 'dynamodb GetItem', input: { TableName: ledger.name, Key: ledgerKey('tenant-b') } }), {
        name: 'AccessDeniedException',
        status: 400,
        message: denial('dynamodb:GetItem', ledger.arn),
      });
      takeWarning(context().log, /IAM denied .*AwsCaller.* dynamodb Query/);
      takeWarning(context().log, /IAM denied .*AwsCaller.* dynamodb GetItem/);
    });

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
    it('denies what no statement allows, as DynamoDB answers, and the log names the missing grant', async () => {
      const catalog = table('Catalog');
      expectDenied(await call({ call: 'dynamodb Scan', input: { TableName: catalog.name } }), {
        name: 'AccessDeniedException',
        status: 400,
        message: denial('dynamodb:Scan', catalog.arn),
      });
      const warning = takeWarning(context().log, /IAM denied .*AwsCaller.* dynamodb Scan/);
      expect(warning).toContain(`missing grant: dynamodb:Scan on ${catalog.arn} for role ${caller().roleArn.split('/').pop()}`);
    });

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
    it('allows every action a wildcard matches', async () => {
      const catalog = table('Catalog');
      const item = { sku: { S: 'tea' } };
      expect((await call({ call: 'dynamodb PutItem', input: { TableName: catalog.name, Item: item } })).ok).toBe(true);
      expect((await call({ call: 'dynamodb GetItem', input: { TableName: catalog.name, Key: item } })).output).toEqual({ Item: item });
    });

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
    it('lets an explicit deny win over an allow', async () => {
      const catalog = table('Catalog');
      expectDenied(await call({ call: 'dynamodb DeleteItem', input: { TableName: catalog.name, Key: { sku: { S: 'tea' } } } }), {
        name: 'AccessDeniedException',
        status: 400,
        message: denial('dynamodb:DeleteItem', catalog.arn, 'with an explicit deny in an identity-based policy'),
      });
      takeWarning(context().log, /IAM denied .*AwsCaller.* dynamodb DeleteItem: denied by/);
    });

    // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
    it('authorizes each item of a transaction on its own table, with its own keys', async () => {
      const [ledger, catalog] = [table('Ledger'), table('Catalog')];
      const transact = (tenant: string) =>
        call({
          call: 'dynamodb TransactWriteItems',
          input: { TransactItems: [{ Put: { TableName: catalog.name, Item: { sku: { S: 'cup' } } } }, { Put: { TableName: ledger.name, Item: ledgerKey(tenant) } }] },
        });
      expect((await transact('tenant-a')).ok).toBe(true);
      expectDenied(await transact('tenant-b'), { name: 'AccessDeniedException', status: 400, message: denial('dynamodb:PutItem', ledger.arn) });
      takeWarning(context().log, /IAM denied .*AwsCaller.* dynamodb TransactWriteItems/);
    });

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html
    it('allows every resource but those NotResource names, and denies as Kinesis answers', async () => {
      const stream = (id: string) => named(context().runtime.model.streams, id);
      const put = (id: string) => call({ call: 'kinesis PutRecord', input: { StreamName: stream(id).name, PartitionKey: 'iam', Data: Buffer.from(JSON.stringify({ key: 'iam-probe', seq: 1 })).toString('base64') } });
      expect((await put('Changes')).ok).toBe(true);
      expectDenied(await put('PoisonChanges'), { name: 'AccessDeniedException', status: 400, message: denial('kinesis:PutRecord', stream('PoisonChanges').arn) });
      takeWarning(context().log, /IAM denied .*AwsCaller.* kinesis PutRecord/);
    });

    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonkinesis.html
    it('authorizes a GetRecords that names only its shard iterator on the stream the iterator reads', async () => {
      const changes = named(context().runtime.model.streams, 'Changes');
      const kinesis = kinesisClient(context().runtime.awsEndpoint, context().runtime.region);
      try {
        const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamARN: changes.arn }));
        const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamARN: changes.arn, ShardId: Shards[0]!.ShardId, ShardIteratorType: 'LATEST' }));
        expectDenied(await call({ call: 'kinesis GetRecords', input: { ShardIterator } }), { name: 'AccessDeniedException', status: 400, message: denial('kinesis:GetRecords', changes.arn) });
      } finally {
        kinesis.destroy();
      }
      takeWarning(context().log, /IAM denied .*AwsCaller.* kinesis GetRecords: missing grant: kinesis:GetRecords on/);
    });

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
    it('allows every action but those NotAction names, and denies as Secrets Manager answers', async () => {
      const secretArn = context().runtime.model.secrets.find((secret) => secret.name.includes('ApiKey'))!;
      const read = await call({ call: 'secretsmanager GetSecretValue', input: { SecretId: secretArn.name } });
      expect(read.ok).toBe(true);
      const arn = String(read.output!.ARN);
      expectDenied(await call({ call: 'secretsmanager PutSecretValue', input: { SecretId: secretArn.name, SecretString: 'changed' } }), {
        name: 'AccessDeniedException',
        status: 400,
        message: denial('secretsmanager:PutSecretValue', arn),
      });
      takeWarning(context().log, /IAM denied .*AwsCaller.* secretsmanager PutSecretValue/);
    });

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html
    it('lets a queue policy or a secret policy alone admit a caller of the account, and denies as SQS answers without one', async () => {
      const queue = (id: string) => named(context().runtime.model.queues, id);
      expect((await call({ call: 'sqs SendMessage', input: { QueueUrl: queue('Inbox').url, MessageBody: 'hello' } })).ok).toBe(true);
      // SQS writes the action in lower case, and its JSON protocol reports the query protocol's code.
      expectDenied(await call({ call: 'sqs SendMessage', input: { QueueUrl: queue('Closed').url, MessageBody: 'hello' } }), {
        name: 'AccessDenied',
        status: 403,
        message: denial('sqs:sendmessage', queue('Closed').arn),
      });
      takeWarning(context().log, /IAM denied .*AwsCaller.* sqs SendMessage/);
      const shared = context().runtime.model.secrets.find((secret) => secret.name.includes('SharedKey'))!;
      expect((await call({ call: 'secretsmanager GetSecretValue', input: { SecretId: shared.name } })).ok).toBe(true);
    });

    // https://docs.aws.amazon.com/sns/latest/api/CommonErrors.html and https://docs.aws.amazon.com/eventbridge/latest/APIReference/CommonErrors.html
    it('denies as SNS, EventBridge and Lambda answer', async () => {
      const topic = context().runtime.model.events.topics.find((candidate) => candidate.key.includes('Unpublished'))!;
      // SNS answers the code AuthorizationError, which the SDK throws as its AuthorizationErrorException.
      expectDenied(await call({ call: 'sns Publish', input: { TopicArn: topic.arn, Message: 'hello' } }), {
        name: 'AuthorizationErrorException',
        status: 403,
        message: denial('SNS:Publish', topic.arn),
      });
      const defaultBus = `arn:aws:events:${context().runtime.region}:000000000000:event-bus/default`;
      expectDenied(await call({ call: 'events PutEvents', input: { Entries: [{ Source: 'conformance', DetailType: 'Probe', Detail: '{}' }] } }), {
        name: 'AccessDeniedException',
        status: 400,
        message: denial('events:PutEvents', defaultBus),
      });
      const recorder = named(context().runtime.model.functions, 'Recorder');
      expectDenied(await call({ call: 'lambda Invoke', input: { FunctionName: recorder.name, Payload: '{}' } }), {
        name: 'AccessDeniedException',
        status: 403,
        message: denial('lambda:InvokeFunction', recorder.arn),
      });
      for (const denied of ['sns Publish', 'events PutEvents', 'lambda Invoke']) takeWarning(context().log, new RegExp(`IAM denied .*AwsCaller.* ${denied}`));
    });

    // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
    it("answers 500 for a route whose function does not let API Gateway invoke it, and the log names the missing permission", async () => {
      const echo = named(context().runtime.model.functions, 'Echo');
      const response = await request(context().runtime.url, 'GET', '/unpermitted');
      expect(response.status).toBe(500);
      expect(response.body).toEqual({ message: 'Internal Server Error' });
      const warning = takeWarning(context().log, /IAM denied API Gateway \(.* GET \/unpermitted\) lambda:InvokeFunction/);
      expect(warning).toContain(`missing grant: the policy of ${echo.arn} must allow apigateway.amazonaws.com to lambda:InvokeFunction from arn:aws:execute-api:`);
      expect(warning).toMatch(/\/\$default\/GET\/unpermitted/);
    });

    // https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
    it('invokes another function when the role may, through Lambda\'s Invoke', async () => {
      const echo = named(context().runtime.model.functions, 'Echo');
      const answer = await call({ call: 'lambda Invoke', input: { FunctionName: echo.name, Payload: JSON.stringify({ rawPath: '/from-a-function' }) } });
      expect(answer.ok).toBe(true);
      const payload = JSON.parse(String(answer.output!.Payload)) as { statusCode: number };
      expect(payload.statusCode).toBe(200);
    });
  });
