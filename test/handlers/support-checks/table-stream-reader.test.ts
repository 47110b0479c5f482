import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { TableStreamReader } from '../support/streams';
import { createServiceTable } from '../support/tables';

const dynamodb = new DynamoDBClient({});
afterAll(() => dynamodb.destroy());

const put = (tableName: string, pk: string) => dynamodb.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: pk }, sk: { S: 'ITEM' } } }));

describe('TableStreamReader, on DynamoDB Local', () => {
  it('reads a stream that was empty at its first read, although another table was written since', async () => {
    const [watched, other] = await Promise.all([createServiceTable('watched', { stream: true }), createServiceTable('other', { stream: true })]);
    const reader = new TableStreamReader(watched);
    expect((await reader.nextEvent()).Records).toEqual([]);

    await put(other, 'OTHER');
    await put(watched, 'FIRST');
    expect((await reader.nextEvent()).Records.map((record) => record.dynamodb?.Keys?.pk)).toEqual([{ S: 'FIRST' }]);
    await put(watched, 'SECOND');
    expect((await reader.nextEvent()).Records.map((record) => record.dynamodb?.Keys?.pk)).toEqual([{ S: 'SECOND' }]);
  });
});
