import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TableName = process.env.TABLE_NAME;

const json = (statusCode: number, body: unknown): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** Notes in DynamoDB, through the SDK the Lambda runtime provides. */
export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const id = event.pathParameters?.id;
  if (!id) return json(200, (await documents.send(new ScanCommand({ TableName }))).Items ?? []);
  if (event.httpMethod === 'PUT') {
    const note = { id, text: event.body ?? '', author: event.requestContext.authorizer?.principalId };
    await documents.send(new PutCommand({ TableName, Item: note }));
    return json(201, note);
  }
  const { Item } = await documents.send(new GetCommand({ TableName, Key: { id } }));
  return Item ? json(200, Item) : json(404, { message: `no note ${id}` });
};
