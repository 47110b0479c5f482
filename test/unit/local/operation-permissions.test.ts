import { requiredPermissions } from '../../../local/iam/permissions/required-permissions';
import type { ResourceDirectory } from '../../../local/iam/permissions/resource-directory';

const directory: ResourceDirectory = {
  accountId: '000000000000',
  tableKeys: (name) => (name === 'Orders' ? { partitionKey: 'pk', indexPartitionKeys: new Map([['byCustomer', 'customerId']]) } : undefined),
  secretArn: (id) => (id === 'signing-key' ? 'arn:aws:secretsmanager:us-east-1:000000000000:secret:signing-key-AbCdEf' : undefined),
  streamOfIterator: (iterator) => (iterator === 'AAAAopaque' ? 'arn:aws:kinesis:us-east-1:000000000000:stream/changes' : undefined),
};
const permissions = (service: string, operation: string, input: Record<string, unknown>) => requiredPermissions(service, { region: 'us-east-1', operation, input }, directory);
const table = 'arn:aws:dynamodb:us-east-1:000000000000:table/Orders';

/** Each call needs the actions and resources of "Actions, resources, and condition keys" for its service. */
describe('the permissions a call needs', () => {
  it('DynamoDB: the table, and the partition keys the call names as dynamodb:LeadingKeys', () => {
    expect(permissions('dynamodb', 'GetItem', { TableName: 'Orders', Key: { pk: { S: 'USER#1' }, sk: { S: 'A' } } })).toEqual([
      { action: 'dynamodb:GetItem', resource: table, context: { 'dynamodb:LeadingKeys': ['USER#1'] } },
    ]);
    expect(permissions('dynamodb', 'Query', { TableName: 'Orders', KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)', ExpressionAttributeValues: { ':p': { S: 'USER#2' }, ':s': { S: 'O' } } })).toEqual([
      { action: 'dynamodb:Query', resource: table, context: { 'dynamodb:LeadingKeys': ['USER#2'] } },
    ]);
  });

  it('DynamoDB: an index query is on the index ARN, with the index\'s partition key', () => {
    expect(
      permissions('dynamodb', 'Query', { TableName: 'Orders', IndexName: 'byCustomer', KeyConditionExpression: '#c = :c', ExpressionAttributeNames: { '#c': 'customerId' }, ExpressionAttributeValues: { ':c': { S: 'c-9' } } }),
    ).toEqual([{ action: 'dynamodb:Query', resource: `${table}/index/byCustomer`, context: { 'dynamodb:LeadingKeys': ['c-9'] } }]);
  });

  it('DynamoDB: a transaction needs each item\'s own action on its own table; a batch its batch action per table', () => {
    expect(
      permissions('dynamodb', 'TransactWriteItems', {
        TransactItems: [
          { Put: { TableName: 'Orders', Item: { pk: { S: 'A' } } } },
          { Update: { TableName: 'Stock', Key: { sku: { S: 'tea' } } } },
          { ConditionCheck: { TableName: 'Orders', Key: { pk: { S: 'B' } } } },
        ],
      }),
    ).toEqual([
      { action: 'dynamodb:PutItem', resource: table, context: { 'dynamodb:LeadingKeys': ['A'] } },
      { action: 'dynamodb:UpdateItem', resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/Stock', context: {} },
      { action: 'dynamodb:ConditionCheckItem', resource: table, context: { 'dynamodb:LeadingKeys': ['B'] } },
    ]);
    expect(permissions('dynamodb', 'BatchWriteItem', { RequestItems: { Orders: [{ PutRequest: { Item: { pk: { S: 'A' } } } }, { DeleteRequest: { Key: { pk: { S: 'B' } } } }] } })).toEqual([
      { action: 'dynamodb:BatchWriteItem', resource: table, context: { 'dynamodb:LeadingKeys': ['A', 'B'] } },
    ]);
  });

  it('SQS: a batch needs its single-message action, on the queue its URL names', () => {
    expect(permissions('sqs', 'SendMessageBatch', { QueueUrl: 'http://127.0.0.1:4566/000000000000/requests', Entries: [] })).toEqual([
      { action: 'sqs:SendMessage', resource: 'arn:aws:sqs:us-east-1:000000000000:requests' },
    ]);
  });

  it('Kinesis: GetRecords on the stream its iterator was handed out for, and no check for an iterator nobody handed out', () => {
    const stream = 'arn:aws:kinesis:us-east-1:000000000000:stream/changes';
    expect(permissions('kinesis', 'GetRecords', { ShardIterator: 'AAAAopaque' })).toEqual([{ action: 'kinesis:GetRecords', resource: stream }]);
    expect(permissions('kinesis', 'GetRecords', { ShardIterator: 'AAAAunknown' })).toEqual([]);
    expect(permissions('dynamodb-streams', 'GetRecords', { ShardIterator: 'AAAAopaque' })).toEqual([{ action: 'dynamodb:GetRecords', resource: stream }]);
  });

  it('Secrets Manager: the secret\'s full ARN, from its name', () => {
    expect(permissions('secretsmanager', 'GetSecretValue', { SecretId: 'signing-key' })).toEqual([
      { action: 'secretsmanager:GetSecretValue', resource: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:signing-key-AbCdEf' },
    ]);
  });

  it('EventBridge: PutEvents per entry, on its bus, with its source and detail type', () => {
    expect(permissions('events', 'PutEvents', { Entries: [{ Source: 's', DetailType: 'd', Detail: '{}', EventBusName: 'orders' }, { Source: 's', DetailType: 'd', Detail: '{}' }] })).toEqual([
      { action: 'events:PutEvents', resource: 'arn:aws:events:us-east-1:000000000000:event-bus/orders', context: { 'events:source': 's', 'events:detail-type': 'd' } },
      { action: 'events:PutEvents', resource: 'arn:aws:events:us-east-1:000000000000:event-bus/default', context: { 'events:source': 's', 'events:detail-type': 'd' } },
    ]);
  });

  it('Lambda: InvokeFunction on the function (and qualifier) Invoke names; SNS: Publish on the topic', () => {
    expect(permissions('lambda', 'Invoke', { FunctionName: 'worker', Qualifier: 'live' })).toEqual([
      { action: 'lambda:InvokeFunction', resource: 'arn:aws:lambda:us-east-1:000000000000:function:worker:live' },
    ]);
    expect(permissions('sns', 'PublishBatch', { TopicArn: 'arn:aws:sns:us-east-1:000000000000:alerts' })).toEqual([{ action: 'sns:Publish', resource: 'arn:aws:sns:us-east-1:000000000000:alerts' }]);
  });
});
