import type { PolicyDocument } from '../assembly/app-model';

const allow = (actions: string[], resource: string | string[] = '*') => ({ Effect: 'Allow', Action: actions, Resource: resource });
const document = (...statements: object[]): PolicyDocument => ({ Version: '2012-10-17', Statement: statements });
const logs = allow(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']);

/**
 * The AWS managed policies that CDK constructs and common apps attach to Lambda roles, by their name
 * after `arn:aws:iam::aws:policy/`, with AWS's statements (as AWS publishes them; the "FullAccess" ones
 * reduced to their service-wide grant for the services the runtime emulates). A managed policy not
 * listed here is named at start-up and grants nothing locally.
 */
export const awsManagedPolicies: Record<string, PolicyDocument> = {
  'service-role/AWSLambdaBasicExecutionRole': document(logs),
  'service-role/AWSLambdaVPCAccessExecutionRole': document(
    logs,
    allow([
      'ec2:CreateNetworkInterface',
      'ec2:DescribeNetworkInterfaces',
      'ec2:DescribeSubnets',
      'ec2:DeleteNetworkInterface',
      'ec2:AssignPrivateIpAddresses',
      'ec2:UnassignPrivateIpAddresses',
    ]),
  ),
  'service-role/AWSLambdaSQSQueueExecutionRole': document(logs, allow(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'])),
  'service-role/AWSLambdaKinesisExecutionRole': document(
    logs,
    allow([
      'kinesis:DescribeStream',
      'kinesis:DescribeStreamSummary',
      'kinesis:GetRecords',
      'kinesis:GetShardIterator',
      'kinesis:ListShards',
      'kinesis:ListStreams',
      'kinesis:SubscribeToShard',
    ]),
  ),
  'service-role/AWSLambdaDynamoDBExecutionRole': document(
    logs,
    allow(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams']),
  ),
  'service-role/AWSLambdaRole': document(allow(['lambda:InvokeFunction'])),
  // The role a RestApi gives API Gateway's account settings (`cloudWatchRole`), for its access logs.
  'service-role/AmazonAPIGatewayPushToCloudWatchLogs': document(
    allow(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams', 'logs:PutLogEvents', 'logs:GetLogEvents', 'logs:FilterLogEvents']),
  ),
  AWSXRayDaemonWriteAccess: document(
    allow(['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:GetSamplingStatisticSummaries']),
  ),
  AWSXrayWriteOnlyAccess: document(
    allow(['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:GetSamplingStatisticSummaries']),
  ),
  AdministratorAccess: document(allow(['*'])),
  AmazonDynamoDBFullAccess: document(allow(['dynamodb:*'])),
  AmazonDynamoDBReadOnlyAccess: document(
    allow(['dynamodb:BatchGetItem', 'dynamodb:Describe*', 'dynamodb:List*', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:PartiQLSelect']),
  ),
  AmazonSQSFullAccess: document(allow(['sqs:*'])),
  AmazonSQSReadOnlyAccess: document(allow(['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ListDeadLetterSourceQueues', 'sqs:ListQueues', 'sqs:ListMessageMoveTasks', 'sqs:ListQueueTags'])),
  AmazonSNSFullAccess: document(allow(['sns:*'])),
  AmazonKinesisFullAccess: document(allow(['kinesis:*'])),
  AmazonEventBridgeFullAccess: document(allow(['events:*', 'schemas:*', 'scheduler:*', 'pipes:*'])),
  SecretsManagerReadWrite: document(allow(['secretsmanager:*'])),
  AWSLambda_FullAccess: document(allow(['lambda:*'])),
};

export const awsManagedPolicyPrefix = 'arn:aws:iam::aws:policy/';
