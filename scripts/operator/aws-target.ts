import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/** Where an operator tool works: the local runtime's emulators, or an AWS account. */
export type Target = 'local' | 'aws';

/** The clients an operator tool uses, for one target. */
export interface AwsClients {
  readonly sqs: SQSClient;
  readonly kinesis: KinesisClient;
  readonly dynamodb: DynamoDBDocumentClient;
  readonly dynamodbStreams: DynamoDBStreamsClient;
  destroy(): void;
}

const endpointVariables = ['AWS_ENDPOINT_URL_SQS', 'AWS_ENDPOINT_URL_KINESIS', 'AWS_ENDPOINT_URL_DYNAMODB'] as const;

/**
 * The clients for a target, from the standard SDK environment. Locally, the endpoints of the running
 * runtime's emulators come from `AWS_ENDPOINT_URL_SQS`, `_KINESIS` and `_DYNAMODB` (which `npm start`
 * prints; DynamoDB Local serves its streams on the same endpoint unless `AWS_ENDPOINT_URL_DYNAMODB_STREAMS`
 * says otherwise), with the region and credentials the runtime's functions use unless set. On AWS: the
 * default credential chain and region, and no endpoint variable may point elsewhere.
 */
export const clientsFor = (target: Target, environment: NodeJS.ProcessEnv = process.env): AwsClients => {
  if (target === 'local') {
    const missing = endpointVariables.filter((name) => !environment[name]);
    if (missing.length > 0) {
      throw new Error(`--target local needs the running runtime's emulator endpoints in ${missing.join(', ')} (\`source .local/aws.env\`, which npm start writes).`);
    }
  } else {
    const pointing = Object.keys(environment).filter((name) => name.startsWith('AWS_ENDPOINT_URL'));
    if (pointing.length > 0) throw new Error(`--target aws, but ${pointing.join(', ')} point the SDK elsewhere: unset them.`);
  }
  const local = target === 'local';
  const settings = local
    ? {
        region: environment.AWS_REGION ?? 'us-east-1',
        credentials: {
          accessKeyId: environment.AWS_ACCESS_KEY_ID ?? 'local',
          secretAccessKey: environment.AWS_SECRET_ACCESS_KEY ?? 'local',
        },
      }
    : {};
  const sqs = new SQSClient({ ...settings, ...(local && { endpoint: environment.AWS_ENDPOINT_URL_SQS }), useQueueUrlAsEndpoint: false });
  // HTTP/1.1: Kinesis emulators do not speak HTTP/2, and these calls gain nothing from it.
  const kinesis = new KinesisClient({ ...settings, ...(local && { endpoint: environment.AWS_ENDPOINT_URL_KINESIS }), requestHandler: new NodeHttpHandler() });
  const base = new DynamoDBClient({ ...settings, ...(local && { endpoint: environment.AWS_ENDPOINT_URL_DYNAMODB }) });
  const streamsEndpoint = environment.AWS_ENDPOINT_URL_DYNAMODB_STREAMS ?? environment.AWS_ENDPOINT_URL_DYNAMODB;
  const dynamodbStreams = new DynamoDBStreamsClient({ ...settings, ...(local && { endpoint: streamsEndpoint }) });
  const dynamodb = DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
  return {
    sqs,
    kinesis,
    dynamodb,
    dynamodbStreams,
    destroy: () => [sqs, kinesis, base, dynamodbStreams].forEach((client) => client.destroy()),
  };
};
