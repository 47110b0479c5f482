import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { TableSpec } from '../assembly/app-model';

/**
 * Creates the table unless it exists (a reload keeps the data), with its keys, indexes, stream and TTL.
 * Returns the stream's ARN, which is only known once the table exists.
 */
export const createTable = async (client: DynamoDBClient, table: TableSpec): Promise<string | undefined> => {
  try {
    await client.send(new CreateTableCommand(table.create as unknown as CreateTableCommandInput));
    if (table.timeToLiveAttribute) {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: table.name,
          TimeToLiveSpecification: { AttributeName: table.timeToLiveAttribute, Enabled: true },
        }),
      );
    }
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  const { Table } = await client.send(new DescribeTableCommand({ TableName: table.name }));
  return Table?.LatestStreamArn;
};
