import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** A fresh table with the key schema every ServiceTable has (`pk`/`sk` strings), in DynamoDB Local. */
export const createServiceTable = async (prefix: string): Promise<string> => {
  const tableName = `${prefix}-${randomUUID()}`;
  const client = new DynamoDBClient({});
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
      }),
    );
  } finally {
    client.destroy();
  }
  return tableName;
};
