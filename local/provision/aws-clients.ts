import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { SQSClient } from '@aws-sdk/client-sqs';
import { kinesisClient } from '../emulators/kinesis';
import { type ServiceEndpoints, localCredentials } from '../lambda/environment-variables';

/** The runtime's own SDK clients for the emulators, one set per region the app's stacks use. */
export class AwsClients {
  private readonly byRegion = new Map<
    string,
    { dynamodb: DynamoDBClient; dynamodbStreams: DynamoDBStreamsClient; sqs: SQSClient; kinesis: KinesisClient }
  >();

  constructor(private readonly endpoints: ServiceEndpoints) {}

  for(region: string) {
    let clients = this.byRegion.get(region);
    if (!clients) {
      const settings = { region, credentials: localCredentials };
      clients = {
        dynamodb: new DynamoDBClient({ ...settings, endpoint: this.endpoints.dynamodb }),
        dynamodbStreams: new DynamoDBStreamsClient({ ...settings, endpoint: this.endpoints.dynamodb }),
        sqs: new SQSClient({ ...settings, endpoint: this.endpoints.sqs }),
        kinesis: kinesisClient(this.endpoints.kinesis, region),
      };
      this.byRegion.set(region, clients);
    }
    return clients;
  }

  destroy(): void {
    for (const clients of this.byRegion.values()) for (const client of Object.values(clients)) client.destroy();
  }
}

/** `arn:aws:<service>:<region>:...` */
export const regionOfArn = (arn: string): string => arn.split(':')[3] ?? '';
