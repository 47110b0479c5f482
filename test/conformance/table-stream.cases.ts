import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { localCredentials } from '../../local/lambda/environment-variables';
import { eventually } from '../e2e/support/eventually';
import { type Context, named } from './conformance-context';

/** The DynamoDB Streams event source mapping, from a table's very first write. */
export const tableStreamCases = (context: Context) =>
  describe('DynamoDB Streams event source mapping', () => {
    let dynamodb: DynamoDBClient;
    const received = () => context().log.observations<{ ids: string[]; events: string[] }>('table-stream');

    beforeAll(() => {
      const { endpoints, region } = context().runtime;
      dynamodb = new DynamoDBClient({ endpoint: endpoints.dynamodb, region, credentials: localCredentials });
    });
    afterAll(() => dynamodb.destroy());

    it("delivers a new table's first writes, in order, also after writes to another table", async () => {
      const table = named(context().runtime.model.tables, 'Notes').name;
      // DynamoDB Local numbers stream records across tables: a write elsewhere while the stream is
      // empty turns the poller's first iterator stale (TrimmedDataAccessException at the first record).
      const other = 'conformance-other-table';
      await dynamodb.send(
        new CreateTableCommand({
          TableName: other,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        }),
      );
      await dynamodb.send(new PutItemCommand({ TableName: other, Item: { id: { S: 'elsewhere' } } }));
      const ids = ['first', 'second', 'third'];
      for (const id of ids) await dynamodb.send(new PutItemCommand({ TableName: table, Item: { id: { S: id } } }));
      await eventually(() => expect(received().flatMap((batch) => batch.ids)).toEqual(ids), { timeoutMs: 10_000 });
      expect(received().flatMap((batch) => batch.events)).toEqual(['INSERT', 'INSERT', 'INSERT']);
      expect(context().log.warnings).toEqual([]);
    });
  });
