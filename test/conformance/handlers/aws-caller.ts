import { DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand, ScanCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetRecordsCommand, KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/* Clients as any function creates them: region, endpoint and credentials from the environment Lambda sets. */
const dynamodb = new DynamoDBClient({});
const sqs = new SQSClient({});
const kinesis = new KinesisClient({ requestHandler: new NodeHttpHandler() });
const secrets = new SecretsManagerClient({});
const sns = new SNSClient({});
const events = new EventBridgeClient({});
const lambda = new LambdaClient({});
const ssm = new SSMClient({});
const sts = new STSClient({});

const commands = {
  'dynamodb GetItem': (input: never) => dynamodb.send(new GetItemCommand(input)),
  'dynamodb PutItem': (input: never) => dynamodb.send(new PutItemCommand(input)),
  'dynamodb DeleteItem': (input: never) => dynamodb.send(new DeleteItemCommand(input)),
  'dynamodb Query': (input: never) => dynamodb.send(new QueryCommand(input)),
  'dynamodb Scan': (input: never) => dynamodb.send(new ScanCommand(input)),
  'dynamodb TransactWriteItems': (input: never) => dynamodb.send(new TransactWriteItemsCommand(input)),
  'sqs SendMessage': (input: never) => sqs.send(new SendMessageCommand(input)),
  'kinesis PutRecord': (input: never) => kinesis.send(new PutRecordCommand(input)),
  'kinesis GetRecords': (input: never) => kinesis.send(new GetRecordsCommand(input)),
  'secretsmanager GetSecretValue': (input: never) => secrets.send(new GetSecretValueCommand(input)),
  'secretsmanager PutSecretValue': (input: never) => secrets.send(new PutSecretValueCommand(input)),
  'sns Publish': (input: never) => sns.send(new PublishCommand(input)),
  'events PutEvents': (input: never) => events.send(new PutEventsCommand(input)),
  'lambda Invoke': (input: never) => lambda.send(new InvokeCommand(input)),
  'ssm GetParameter': (input: never) => ssm.send(new GetParameterCommand(input)),
  'sts GetCallerIdentity': (input: never) => sts.send(new GetCallerIdentityCommand(input)),
};

export type AwsCall = { readonly call: keyof typeof commands; readonly input: Record<string, unknown> } | { readonly call: 'environment' };

/** What this function's environment gives the AWS SDK: the AWS_* variables, and the credentials the SDK resolves from them. */
const environment = async () => {
  const credentials = await dynamodb.config.credentials();
  return {
    variables: Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('AWS_'))),
    credentials: { accessKeyId: credentials.accessKeyId, sessionToken: credentials.sessionToken },
  };
};

/**
 * Makes one AWS SDK call as this function (its role, its environment) and answers with the result or
 * the error the SDK threw: its name, HTTP status, message and attempts. Or tells what
 * its environment gives the SDK.
 */
export const handler = async (request: AwsCall) => {
  if (request.call === 'environment') return environment();
  try {
    const { $metadata: _, ...output } = (await commands[request.call](request.input as never)) as { $metadata: unknown };
    return { ok: true, output: JSON.parse(JSON.stringify(output, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString() : value))) };
  } catch (error) {
    const failure = error as Error & { $metadata?: { httpStatusCode?: number; attempts?: number } };
    return {
      ok: false,
      error: { name: failure.name, message: failure.message, status: failure.$metadata?.httpStatusCode, attempts: failure.$metadata?.attempts },
    };
  }
};
