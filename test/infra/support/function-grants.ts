import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/**
 * What a function's role may do, from the synthesized templates, split by why: what Lambda itself
 * needs for the function (its log group, X-Ray, reading its event sources, its failure destination),
 * and what is left for the function's code. Also the sends another stack's queue policy allows the
 * role (answers to a return address, docs/decisions/0011-queue-ownership-and-return-addresses.md).
 */

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Statement {
  readonly actions: string[];
  readonly resources: Json[];
  readonly condition?: Json;
  readonly policy: string;
}

const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What Lambda needs on an event source, by the type of the resource it reads (the CDK grants these). */
const eventSourceActions: Record<string, string[]> = {
  'AWS::SQS::Queue': ['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueUrl', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
  'AWS::Kinesis::Stream': [
    'kinesis:DescribeStreamSummary',
    'kinesis:GetRecords',
    'kinesis:GetShardIterator',
    'kinesis:ListShards',
    'kinesis:SubscribeToShard',
    'kinesis:DescribeStream',
    'kinesis:ListStreams',
    'kinesis:DescribeStreamConsumer',
  ],
  'AWS::DynamoDB::Table': ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
};
const failureDestinationActions = ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'];

export interface FunctionGrants {
  /** Statements Lambda needs for the function, whatever its code does. */
  readonly forLambda: Statement[];
  /** Every other statement: what the function's code may do. */
  readonly forCode: Statement[];
  /** Actions another stack's resource policy allows this function's role. */
  readonly byResourcePolicy: string[];
}

export class TemplateGrants {
  private readonly templates: Map<Stack, Json>;

  constructor(stacks: Stack[]) {
    this.templates = new Map(stacks.map((stack) => [stack, Template.fromStack(stack).toJSON()]));
  }

  grantsOf(stack: Stack, functionLogicalId: string): FunctionGrants {
    const { Resources: resources } = this.templates.get(stack)!;
    const fn = resources[functionLogicalId];
    const roleId: string = fn.Properties.Role['Fn::GetAtt'][0];
    const statements: Statement[] = Object.entries(resources as Record<string, Json>)
      .filter(([, resource]) => resource.Type === 'AWS::IAM::Policy' && list(resource.Properties.Roles).some((role) => same(role, { Ref: roleId })))
      .flatMap(([policy, resource]) =>
        list(resource.Properties.PolicyDocument.Statement).map((statement: Json) => ({
          actions: list(statement.Action),
          resources: list(statement.Resource),
          condition: statement.Condition,
          policy,
        })),
      );

    const lambdaNeeds: { actions: string[]; resource: Json }[] = [
      { actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resource: { 'Fn::GetAtt': [fn.Properties.LoggingConfig.LogGroup.Ref, 'Arn'] } },
      { actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resource: '*' },
    ];
    for (const mapping of Object.values(resources as Record<string, Json>)) {
      if (mapping.Type !== 'AWS::Lambda::EventSourceMapping' || !same(mapping.Properties.FunctionName, { Ref: functionLogicalId })) continue;
      const source = mapping.Properties.EventSourceArn;
      const sourceType = resources[source['Fn::GetAtt'][0]].Type as string;
      lambdaNeeds.push({ actions: eventSourceActions[sourceType] ?? [], resource: source });
      if (sourceType === 'AWS::DynamoDB::Table') lambdaNeeds.push({ actions: ['dynamodb:ListStreams'], resource: '*' });
      const failures = mapping.Properties.DestinationConfig?.OnFailure?.Destination;
      if (failures) lambdaNeeds.push({ actions: failureDestinationActions, resource: failures });
    }
    const isForLambda = (statement: Statement) =>
      statement.condition === undefined &&
      statement.resources.every((resource) =>
        lambdaNeeds.some((need) => same(need.resource, resource) && statement.actions.every((action) => need.actions.includes(action))),
      );

    return {
      forLambda: statements.filter(isForLambda),
      forCode: statements.filter((statement) => !isForLambda(statement)),
      byResourcePolicy: this.sendsAllowedByQueuePolicies(stack, roleId),
    };
  }

  /**
   * A service publishes its request queue's consumer role as `/shop/queues/<queue>/consumer-role-arn`;
   * a requester's queue policy lets that role send the answers.
   */
  private sendsAllowedByQueuePolicies(stack: Stack, roleId: string): string[] {
    const published = Object.values(this.templates.get(stack)!.Resources as Record<string, Json>)
      .filter((resource) => resource.Type === 'AWS::SSM::Parameter' && same(resource.Properties.Value, { 'Fn::GetAtt': [roleId, 'Arn'] }))
      .map((resource) => String(resource.Properties.Name))
      .filter((name) => name.endsWith('/consumer-role-arn'));
    const allowed = [...this.templates.values()].flatMap((template: Json) =>
      Object.values(template.Resources as Record<string, Json>)
        .filter((resource) => resource.Type === 'AWS::SQS::QueuePolicy')
        .flatMap((resource) => list(resource.Properties.PolicyDocument.Statement))
        .filter((statement: Json) => {
          const principal = statement.Principal?.AWS?.Ref;
          return principal && published.includes(template.Parameters?.[principal]?.Default);
        })
        .flatMap((statement: Json) => list<string>(statement.Action)),
    );
    return [...new Set(allowed)];
  }
}
