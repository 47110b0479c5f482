import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../functions/shared/dynamodb-clients';

/** The stored order as if its deadline had passed a minute ago (rather than waiting for it). */
export const pastItsDeadline = (tableName: string, orderId: string) =>
  documentClient().send(
    new UpdateCommand({
      TableName: tableName,
      Key: { pk: `ORDER#${orderId}`, sk: 'ORDER' },
      UpdateExpression: 'SET deadline = :deadline',
      ConditionExpression: 'attribute_exists(deadline)',
      ExpressionAttributeValues: { ':deadline': new Date(Date.now() - 60_000).toISOString() },
    }),
  );

/** The deadline stored on an order under way. */
export const deadlineOf = async (tableName: string, orderId: string): Promise<string> => {
  const { Item } = await documentClient().send(new GetCommand({ TableName: tableName, Key: { pk: `ORDER#${orderId}`, sk: 'ORDER' }, ConsistentRead: true }));
  return String(Item!.deadline);
};
