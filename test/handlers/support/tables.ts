import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface ServiceTableOptions {
  /** Global secondary indexes with string keys, projecting whole items unless they say otherwise (as `addTableIndex` creates them). */
  readonly indexes?: readonly { indexName: string; partitionKey: string; sortKey: string; projection?: 'ALL' | 'KEYS_ONLY' }[];
  /** A stream of the table's changes with new images. */
  readonly stream?: boolean;
}

/** A fresh table with the key schema every ServiceTable has (`pk`/`sk` strings), in DynamoDB Local. */
export const createServiceTable = async (prefix: string, options: ServiceTableOptions = {}): Promise<string> => {
  const tableName = `${prefix}-${randomUUID()}`;
  const indexes = options.indexes ?? [];
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
        AttributeDefinitions: [...new Set(['pk', 'sk', ...indexes.flatMap((index) => [index.partitionKey, index.sortKey])])].map(
          (name) => ({ AttributeName: name, AttributeType: 'S' as const }),
        ),
        ...(indexes.length > 0 && {
          GlobalSecondaryIndexes: indexes.map((index) => ({
            IndexName: index.indexName,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
              { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
            ],
            Projection: { ProjectionType: index.projection ?? 'ALL' },
          })),
        }),
        ...(options.stream && { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' as const } }),
      }),
    );
  } finally {
    client.destroy();
  }
  return tableName;
};
