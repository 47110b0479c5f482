import type { StackArtifact, Template } from '../../local/assembly/cloud-assembly';
import { TemplateResolver, UnresolvableError } from '../../local/assembly/intrinsics';
import { localizeApiUrls } from '../../local/assembly/local-api-urls';
import { localIdentities } from '../../local/assembly/local-identities';

/** CloudFormation's intrinsic functions, resolved across stacks with local names, URLs and ARNs. */
const stack = (name: string, template: Template): StackArtifact => ({ name, region: 'eu-west-1', account: '000000000000', template });

const platform = stack('Platform', {
  Resources: {
    Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'shop', ProtocolType: 'HTTP' } },
    ApiUrl: { Type: 'AWS::SSM::Parameter', Properties: { Name: '/shop/api-url', Type: 'String', Value: { 'Fn::GetAtt': ['Api', 'ApiEndpoint'] } } },
    Jobs: { Type: 'AWS::SQS::Queue', Properties: { FifoQueue: true } },
  },
  Outputs: { JobsArn: { Value: { 'Fn::GetAtt': ['Jobs', 'Arn'] }, Export: { Name: { 'Fn::Sub': '${AWS::StackName}-jobs' } } } },
});

const service = stack('Service', {
  Parameters: {
    ApiUrl: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/shop/api-url' },
    Stage: { Type: 'String', Default: 'dev' },
  },
  Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } },
  Mappings: { Sizes: { dev: { memory: 256 } } },
  Resources: {
    Table: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'orders' } },
    Fn: { Type: 'AWS::Lambda::Function', Properties: {} },
    OnlyInProd: { Type: 'AWS::SQS::Queue', Condition: 'IsProd' },
  },
});

const resolver = new TemplateResolver(
  [platform, service],
  localIdentities({ sqsEndpoint: 'http://127.0.0.1:9324', apiEndpoint: () => 'http://localhost:3000', assigned: new Map() }),
);
const resolve = (value: unknown) => resolver.resolve(service, value);

it('resolves Ref and Fn::GetAtt to local names, URLs and ARNs', () => {
  expect(resolve({ Ref: 'Table' })).toBe('orders');
  expect(resolve({ 'Fn::GetAtt': ['Table', 'Arn'] })).toBe('arn:aws:dynamodb:eu-west-1:000000000000:table/orders');
  expect(resolve({ Ref: 'Fn' })).toBe('Service-Fn');
  expect(resolve({ 'Fn::GetAtt': 'Fn.Arn' })).toBe('arn:aws:lambda:eu-west-1:000000000000:function:Service-Fn');
  expect(resolver.resolve(platform, { Ref: 'Jobs' })).toBe('http://127.0.0.1:9324/000000000000/Platform-Jobs.fifo');
});

it('reads an SSM-typed parameter from the AWS::SSM::Parameter another stack creates, and the API endpoint is local', () => {
  expect(resolve({ Ref: 'ApiUrl' })).toBe('http://localhost:3000');
  expect(resolve('{{resolve:ssm:/shop/api-url}}/v1')).toBe('http://localhost:3000/v1');
});

it('resolves Fn::ImportValue from another stack\'s exports', () => {
  expect(resolve({ 'Fn::ImportValue': 'Platform-jobs' })).toBe('arn:aws:sqs:eu-west-1:000000000000:Platform-Jobs.fifo');
});

it('resolves Fn::Join, Fn::Sub (both forms), Fn::Select, Fn::Split and Fn::FindInMap', () => {
  expect(resolve({ 'Fn::Join': ['/', ['a', { Ref: 'AWS::Region' }, { Ref: 'Table' }]] })).toBe('a/eu-west-1/orders');
  expect(resolve({ 'Fn::Sub': 'arn:${AWS::Partition}:x:${AWS::Region}:${AWS::AccountId}:${Table}/${Fn.Arn}/${!Literal}' })).toBe(
    'arn:aws:x:eu-west-1:000000000000:orders/arn:aws:lambda:eu-west-1:000000000000:function:Service-Fn/${Literal}',
  );
  expect(resolve({ 'Fn::Sub': ['${Name}-${Stage}', { Name: { Ref: 'Table' } }] })).toBe('orders-dev');
  expect(resolve({ 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b,c'] }] })).toBe('b');
  expect(resolve({ 'Fn::FindInMap': ['Sizes', { Ref: 'Stage' }, 'memory'] })).toBe(256);
});

it('evaluates conditions, Fn::If and AWS::NoValue, and leaves out resources whose condition is false', () => {
  expect(resolve({ 'Fn::If': ['IsProd', 'big', 'small'] })).toBe('small');
  expect(resolve({ Keep: 1, Drop: { 'Fn::If': ['IsProd', 2, { Ref: 'AWS::NoValue' }] } })).toEqual({ Keep: 1 });
  expect([...resolver.resources()].map(({ logicalId }) => logicalId)).not.toContain('OnlyInProd');
});

it('says what it cannot resolve instead of guessing', () => {
  expect(() => resolve({ 'Fn::GetAtt': ['Table', 'NoSuchAttribute'] })).toThrow(UnresolvableError);
  expect(() => resolve({ Ref: 'Missing' })).toThrow(/no resource or parameter Missing/);
  expect(() => resolve({ 'Fn::ImportValue': 'nobody-exports-this' })).toThrow(/No stack exports/);
});

it("resolves a REST API's URL built from its id, and a function URL, to their local URLs", () => {
  const notes = stack('Notes', {
    Resources: {
      Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'notes' } },
      Prod: { Type: 'AWS::ApiGateway::Stage', Properties: { RestApiId: { Ref: 'Api' }, StageName: 'prod' } },
      Fn: { Type: 'AWS::Lambda::Function', Properties: {} },
      FnUrl: { Type: 'AWS::Lambda::Url', Properties: { TargetFunctionArn: { 'Fn::GetAtt': ['Fn', 'Arn'] }, AuthType: 'NONE' } },
    },
  });
  const ports: Record<string, number> = { 'Notes/Api': 4000, 'Notes/FnUrl': 4001 };
  const urlOf = (key: string) => `http://localhost:${ports[key]}`;
  const notesResolver = new TemplateResolver(
    [notes],
    localIdentities({ sqsEndpoint: 'http://127.0.0.1:9324', apiEndpoint: (stackName, logicalId) => urlOf(`${stackName}/${logicalId}`), assigned: new Map() }),
    localizeApiUrls([notes], urlOf),
  );
  const restApiUrl = { 'Fn::Join': ['', ['https://', { Ref: 'Api' }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/', { Ref: 'Prod' }, '/']] };
  expect(notesResolver.resolve(notes, restApiUrl)).toBe('http://localhost:4000/prod/');
  expect(notesResolver.resolve(notes, { 'Fn::Sub': '${Api}.execute-api.${AWS::Region}.amazonaws.com' })).toBe('localhost:4000');
  expect(notesResolver.resolve(notes, { 'Fn::GetAtt': ['FnUrl', 'FunctionUrl'] })).toBe('http://localhost:4001/');
  expect(notesResolver.resolve(notes, { 'Fn::Sub': 'https://abcdefghij.execute-api.${AWS::Region}.amazonaws.com' })).toBe('https://abcdefghij.execute-api.eu-west-1.amazonaws.com');
});
