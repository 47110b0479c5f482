import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateStreamCommand, GetRecordsCommand, GetShardIteratorCommand, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { kinesisClient } from '../../local/emulators/kinesis';
import { Emulators } from '../../local/emulators/start-emulators';
import { localCredentials } from '../../local/lambda/environment-variables';
import { eventually } from '../e2e/support/eventually';

/**
 * `npm start -- --persist`: the emulators keep their data in a directory across restarts (DynamoDB
 * Local's `-dbPath`, https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DynamoDBLocal.UsageNotes.html;
 * kinesis-mock's persistence settings; a state file for fauxqs and the Secrets Manager emulator, which
 * keep theirs in memory).
 */
jest.setTimeout(60_000);

const dataDirectory = mkdtempSync(join(tmpdir(), 'persist-'));
const region = 'us-east-1';
const settings = {
  region,
  accountId: '000000000000',
  dataDirectory,
  invokeRotation: async () => undefined,
};

afterAll(() => rmSync(dataDirectory, { recursive: true, force: true }));

const withClients = async <T>(emulators: Emulators, use: (clients: { dynamodb: DynamoDBClient; sqs: SQSClient; kinesis: ReturnType<typeof kinesisClient> }) => Promise<T>) => {
  const { endpoints } = emulators;
  const clients = {
    dynamodb: new DynamoDBClient({ endpoint: endpoints.dynamodb, region, credentials: localCredentials }),
    sqs: new SQSClient({ endpoint: endpoints.sqs, region, credentials: localCredentials }),
    kinesis: kinesisClient(endpoints.kinesis, region),
  };
  try {
    return await use(clients);
  } finally {
    for (const client of Object.values(clients)) client.destroy();
  }
};

it('keeps a table item, a queued message, a stream record and a secret across a restart', async () => {
  const first = await Emulators.create(settings);
  try {
    await first.ensure('dynamodb', 'sqs', 'kinesis', 'secretsManager');
    await withClients(first, async ({ dynamodb, sqs, kinesis }) => {
      await dynamodb.send(
        new CreateTableCommand({
          TableName: 'Notes',
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      await dynamodb.send(new PutItemCommand({ TableName: 'Notes', Item: { id: { S: 'kept' }, text: { S: 'still here' } } }));
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'jobs' }));
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'a job' }));
      await kinesis.send(new CreateStreamCommand({ StreamName: 'feed', ShardCount: 1 }));
      await eventually(() => kinesis.send(new PutRecordCommand({ StreamName: 'feed', PartitionKey: 'k', Data: Buffer.from('a record') })));
    });
    first.secrets!.CreateSecret({ Name: 'api-key', SecretString: 'sesame' });
    // kinesis-mock writes its data every 2 seconds.
    const kinesisData = join(dataDirectory, 'kinesis', 'kinesis-data.json');
    await eventually(() => expect(existsSync(kinesisData) && readFileSync(kinesisData, 'utf8')).toContain(Buffer.from('a record').toString('base64')));
  } finally {
    await first.stop();
  }

  const second = await Emulators.create(settings);
  try {
    await second.ensure('dynamodb', 'sqs', 'kinesis', 'secretsManager');
    await withClients(second, async ({ dynamodb, sqs, kinesis }) => {
      const { Item } = await dynamodb.send(new GetItemCommand({ TableName: 'Notes', Key: { id: { S: 'kept' } } }));
      expect(Item?.text).toEqual({ S: 'still here' });
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'jobs' }));
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
      expect(Messages.map((message) => message.Body)).toEqual(['a job']);
      const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: 'feed', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }));
      const { Records = [] } = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
      expect(Records.map((record) => Buffer.from(record.Data!).toString())).toEqual(['a record']);
    });
    expect(second.secrets!.GetSecretValue({ SecretId: 'api-key' }).SecretString).toBe('sesame');
  } finally {
    await second.stop();
  }
});
