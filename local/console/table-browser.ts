import { type AttributeValue, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { TableSpec } from '../assembly/app-model';
import { type AwsClients, regionOfArn } from '../provision/aws-clients';

export interface TablePage {
  readonly keys: { readonly partitionKey: string; readonly sortKey?: string };
  readonly items: Record<string, unknown>[];
  /** Give it back as `cursor` for the next page; missing on the last page. */
  readonly next?: string;
}

export class BadBrowseRequest extends Error {}

interface KeyElement {
  AttributeName: string;
  KeyType: 'HASH' | 'RANGE';
}

const pageSize = 25;

const encodeCursor = (key: Record<string, AttributeValue> | undefined) => (key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined);

const decodeCursor = (cursor: string | undefined): Record<string, AttributeValue> | undefined => {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (typeof key === 'object' && key !== null && !Array.isArray(key)) return key as Record<string, AttributeValue>;
  } catch {
    // Reported below.
  }
  throw new BadBrowseRequest('The cursor is not one this console gave.');
};

/**
 * A table's items, a page at a time, read only: the items of one partition key value (Query), or all of
 * them in the table's order (Scan).
 */
export const browseTable = async (clients: AwsClients, table: TableSpec, request: { partitionKey?: string; cursor?: string }): Promise<TablePage> => {
  const schema = (table.create.KeySchema as KeyElement[] | undefined) ?? [];
  const partitionKey = schema.find((key) => key.KeyType === 'HASH')?.AttributeName ?? '';
  const sortKey = schema.find((key) => key.KeyType === 'RANGE')?.AttributeName;
  const dynamodb = clients.for(regionOfArn(table.arn)).dynamodb;
  const common = { TableName: table.name, Limit: pageSize, ExclusiveStartKey: decodeCursor(request.cursor) };
  let page: { Items?: Record<string, AttributeValue>[]; LastEvaluatedKey?: Record<string, AttributeValue> };
  if (request.partitionKey) {
    const type = ((table.create.AttributeDefinitions as { AttributeName: string; AttributeType: string }[] | undefined) ?? []).find(
      (definition) => definition.AttributeName === partitionKey,
    )?.AttributeType;
    if (type === 'N' && !Number.isFinite(Number(request.partitionKey))) throw new BadBrowseRequest(`${partitionKey} is a number: ${request.partitionKey} is not.`);
    if (type === 'B') throw new BadBrowseRequest(`${partitionKey} is binary: browse by a binary key is not offered.`);
    page = await dynamodb.send(
      new QueryCommand({
        ...common,
        KeyConditionExpression: '#key = :value',
        ExpressionAttributeNames: { '#key': partitionKey },
        ExpressionAttributeValues: { ':value': type === 'N' ? { N: request.partitionKey } : { S: request.partitionKey } },
      }),
    );
  } else page = await dynamodb.send(new ScanCommand(common));
  return {
    keys: { partitionKey, sortKey },
    items: (page.Items ?? []).map((item) => unmarshall(item)),
    next: encodeCursor(page.LastEvaluatedKey),
  };
};
