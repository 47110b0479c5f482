import type { Authorization } from '../../front-door/service-call';
import { arn, type CallInput, distinct, type PermissionRule, type ResourceDirectory, text } from './resource-directory';

type AttributeValue = Record<string, unknown>;
type Item = Record<string, AttributeValue>;

/** An attribute value as the condition key compares it: the string, number or base64 binary as text. */
const keyText = (value: AttributeValue | undefined): string | undefined => {
  if (!value) return undefined;
  const scalar = value.S ?? value.N ?? value.B;
  return scalar === undefined ? undefined : String(scalar);
};

/** A table may be named by its ARN (DynamoDB accepts either). */
const tableName = (nameOrArn: string) => /:table\/([^/]+)/.exec(nameOrArn)?.[1] ?? nameOrArn;

const tableArn = (call: CallInput, directory: ResourceDirectory, nameOrArn: string, index?: string) =>
  nameOrArn.startsWith('arn:')
    ? `${nameOrArn}${index ? `/index/${index}` : ''}`
    : arn('dynamodb', call, directory, `table/${nameOrArn}${index ? `/index/${index}` : ''}`);

/** The partition key values of `items` (keys or whole items) of `table`, for `dynamodb:LeadingKeys`. */
const leadingKeys = (directory: ResourceDirectory, table: string, items: (Item | undefined)[], index?: string): Record<string, string[]> => {
  const keys = directory.tableKeys(tableName(table));
  const attribute = index ? keys?.indexPartitionKeys.get(index) : keys?.partitionKey;
  if (!attribute) return {};
  const values = items.map((item) => keyText(item?.[attribute])).filter((value): value is string => value !== undefined);
  return values.length > 0 ? { 'dynamodb:LeadingKeys': [...new Set(values)] } : {};
};

/** The partition key values a Query's key condition names (`#pk = :pk`, or the legacy `KeyConditions`). */
const queriedPartitionKeys = (input: Record<string, unknown>, partitionKey: string): string[] => {
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (input.ExpressionAttributeValues ?? {}) as Record<string, AttributeValue>;
  const found: string[] = [];
  const expression = text(input.KeyConditionExpression);
  if (expression) {
    for (const [, left, right] of expression.matchAll(/([#\w.:-]+)\s*=\s*([#\w.:-]+)/g)) {
      const [name, value] = left!.startsWith(':') ? [right!, left!] : [left!, right!];
      if ((names[name] ?? name) === partitionKey) found.push(...[keyText(values[value])].filter((item): item is string => item !== undefined));
    }
  }
  const legacy = (input.KeyConditions as Record<string, { AttributeValueList?: AttributeValue[] }> | undefined)?.[partitionKey];
  found.push(...(legacy?.AttributeValueList ?? []).map(keyText).filter((item): item is string => item !== undefined));
  return found;
};

const onTable = (action: string, call: CallInput, directory: ResourceDirectory, table: string, items: (Item | undefined)[] = [], index?: string): Authorization => ({
  action: `dynamodb:${action}`,
  resource: tableArn(call, directory, table, index),
  context: leadingKeys(directory, table, items, index),
});

const itemOperations = new Set(['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem']);

const transactActions: Record<string, string> = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem', Get: 'GetItem' };

/** The permissions of a DynamoDB call: each table (or index) it touches, each with the partition keys it names. */
export const dynamodbPermissions: PermissionRule = (call, directory) => {
  const { operation, input } = call;
  const table = text(input.TableName);
  if (itemOperations.has(operation) && table) return [onTable(operation, call, directory, table, [(input.Key ?? input.Item) as Item])];
  if (operation === 'Query' && table) {
    const index = text(input.IndexName);
    const keys = directory.tableKeys(tableName(table));
    const attribute = index ? keys?.indexPartitionKeys.get(index) : keys?.partitionKey;
    const values = attribute ? queriedPartitionKeys(input, attribute) : [];
    return [{ action: 'dynamodb:Query', resource: tableArn(call, directory, table, index), context: values.length ? { 'dynamodb:LeadingKeys': values } : {} }];
  }
  if (operation === 'BatchGetItem' || operation === 'BatchWriteItem') {
    const requests = (input.RequestItems ?? {}) as Record<string, unknown>;
    return Object.entries(requests).map(([name, request]) => {
      const items =
        operation === 'BatchGetItem'
          ? ((request as { Keys?: Item[] }).Keys ?? [])
          : ((request as { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }[]) ?? []).map((write) => write.PutRequest?.Item ?? write.DeleteRequest?.Key);
      return onTable(operation, call, directory, name, items);
    });
  }
  if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
    // Each item is authorized on its own table with its own action: there is no "transaction" permission.
    const items = (input.TransactItems ?? []) as Record<string, { TableName: string; Key?: Item; Item?: Item }>[];
    return distinct(
      items.flatMap((item) =>
        Object.entries(item).map(([kind, request]) => onTable(transactActions[kind] ?? kind, call, directory, request.TableName, [request.Key ?? request.Item])),
      ),
    );
  }
  if (operation === 'ExecuteStatement') return partiQl(call, directory, text(input.Statement) ?? '');
  if (table) return [onTable(operation, call, directory, table, [], text(input.IndexName))];
  return [{ action: `dynamodb:${operation}`, resource: '*' }];
};

/** `SELECT ... FROM "Table"`, `INSERT INTO "Table"`, `UPDATE "Table"`, `DELETE FROM "Table"` */
const partiQl = (call: CallInput, directory: ResourceDirectory, statement: string): Authorization[] => {
  const match = /^\s*(SELECT|INSERT|UPDATE|DELETE)\b[\s\S]*?(?:FROM|INTO|UPDATE)\s+"?([\w.-]+)"?/i.exec(statement) ?? /^\s*(UPDATE)\s+"?([\w.-]+)"?/i.exec(statement);
  if (!match) return [{ action: 'dynamodb:PartiQLSelect', resource: '*' }];
  const verb = match[1]!.toLowerCase();
  return [{ action: `dynamodb:PartiQL${verb[0]!.toUpperCase()}${verb.slice(1)}`, resource: tableArn(call, directory, match[2]!) }];
};

/** DynamoDB Streams calls name the stream by its ARN, or by an iterator (DynamoDB Local's carry the ARN). */
export const dynamodbStreamsPermissions: PermissionRule = (call, directory) => {
  const iterator = String(call.input.ShardIterator ?? '');
  const streamArn = text(call.input.StreamArn) ?? /arn:aws:dynamodb:[^|"\s]+\/stream\/[^|"\s]+/.exec(iterator)?.[0] ?? directory.streamOfIterator(iterator);
  if (call.operation === 'ListStreams') return [{ action: 'dynamodb:ListStreams', resource: '*' }];
  return streamArn ? [{ action: `dynamodb:${call.operation}`, resource: streamArn }] : [];
};
