import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
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

    it("delivers a new table's first writes, in order, with nothing to warn of", async () => {
      const table = named(context().runtime.model.tables, 'Notes').name;
      const ids = ['first', 'second', 'third'];
      for (const id of ids) await dynamodb.send(new PutItemCommand({ TableName: table, Item: { id: { S: id } } }));
      await eventually(() => expect(received().flatMap((batch) => batch.ids)).toEqual(ids), { timeoutMs: 10_000 });
      expect(received().flatMap((batch) => batch.events)).toEqual(['INSERT', 'INSERT', 'INSERT']);
      expect(context().log.warnings).toEqual([]);
    });
  });
