import { identifyRequest } from '../../../local/front-door/identify-request';

const signed = (service: string, key = 'ASIAEXAMPLE') => ({
  authorization: `AWS4-HMAC-SHA256 Credential=${key}/20261201/eu-west-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc`,
});

/** The front door identifies a call as AWS's endpoints do: by protocol, signing scope and operation. */
describe('identifying an AWS SDK call', () => {
  it('reads a JSON protocol call by its X-Amz-Target, and who signed it for which region', () => {
    const identity = identifyRequest('POST', '/', { ...signed('dynamodb'), 'x-amz-target': 'DynamoDB_20120810.GetItem' }, Buffer.from('{"TableName":"t"}'));
    expect(identity).toMatchObject({ accessKeyId: 'ASIAEXAMPLE', region: 'eu-west-1', service: 'dynamodb', operation: 'GetItem', protocol: 'json', input: { TableName: 't' } });
  });

  it('tells DynamoDB Streams from DynamoDB, which signs as dynamodb too', () => {
    expect(identifyRequest('POST', '/', { ...signed('dynamodb'), 'x-amz-target': 'DynamoDBStreams_20120810.GetRecords' }, Buffer.from('{}'))).toMatchObject({
      service: 'dynamodb-streams',
      signingName: 'dynamodb',
    });
  });

  it('reads a query protocol call by its Action field', () => {
    const body = Buffer.from('Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A1%3At&Message=hi');
    expect(identifyRequest('POST', '/', { ...signed('sns'), 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body)).toMatchObject({
      service: 'sns',
      operation: 'Publish',
      protocol: 'query',
      input: { TopicArn: 'arn:aws:sns:us-east-1:1:t', Message: 'hi' },
    });
  });

  it('reads a Smithy RPC v2 CBOR call by its path', () => {
    expect(identifyRequest('POST', '/service/GraniteServiceVersion20100801/operation/PutMetricData', signed('monitoring'), Buffer.alloc(0))).toMatchObject({
      service: 'monitoring',
      operation: 'PutMetricData',
      protocol: 'rpc-v2-cbor',
    });
  });

  it('reads Lambda\'s Invoke from its REST path, with the function and qualifier', () => {
    expect(identifyRequest('POST', '/2015-03-31/functions/my-fn/invocations?Qualifier=live', signed('lambda'), Buffer.from('{"a":1}'))).toMatchObject({
      service: 'lambda',
      operation: 'Invoke',
      protocol: 'rest-json',
      input: { FunctionName: 'my-fn', Qualifier: 'live' },
    });
  });

  it('names an unknown REST call by its method and path', () => {
    expect(identifyRequest('GET', '/my-bucket/key.txt', signed('s3'), Buffer.alloc(0))).toMatchObject({ service: 's3', operation: 'GET /my-bucket/key.txt', protocol: 'rest-xml' });
  });
});
