import { Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/*
 * Grants that name the actions a function's code sends and the resources (and items) it touches, no
 * more: the CDK's `grantReadWriteData` and friends grant a dozen actions on every item of a table.
 * test/infra/least-privilege.test.ts checks every function's grants against the SDK commands its bundle sends.
 */

/** DynamoDB item actions. A transaction needs the action of each of its parts (PutItem, UpdateItem, ...). */
export type ItemAction = 'GetItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'ConditionCheckItem' | 'BatchGetItem' | 'BatchWriteItem';

export interface ItemAccess {
  readonly actions: readonly ItemAction[];
  /**
   * Partition key prefixes the function may touch (`USER#`): `dynamodb:LeadingKeys`. Leave out only
   * where the function works on every kind of item of the table.
   */
  readonly partitions?: readonly string[];
}

export const grantItems = (grantee: IGrantable, table: ITable, access: ItemAccess): void => {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: access.actions.map((action) => `dynamodb:${action}`),
      resources: [table.tableArn],
      ...(access.partitions && {
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': access.partitions.map((prefix) => `${prefix}*`) } },
      }),
    }),
  );
};

/** Queries on one secondary index, named: not on the table, nor on its other indexes. */
export const grantIndexQuery = (grantee: IGrantable, table: ITable, indexName: string): void => {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${table.tableArn}/index/${indexName}`] }),
  );
};

/** Reading one secret's value (not describing it, nor listing its versions). */
export const grantSecretValue = (grantee: IGrantable, secret: ISecret): void => {
  grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }));
};

/** Sending to a queue: no GetQueueUrl or GetQueueAttributes, which the code never sends. */
export const grantSendMessage = (grantee: IGrantable, queue: IQueue): void => {
  grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }));
};

/**
 * What Lambda needs to read a table's stream for an event source mapping. `dynamodb:ListStreams`
 * supports no resource-level permissions: it is in a policy of its own, where its `*` is acknowledged.
 */
export const grantStreamRead = (scope: Construct, fn: IFunction, table: ITable): void => {
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
      resources: [table.tableStreamArn!],
    }),
  );
  const listStreams = new Policy(scope, `${fn.node.id}ListStreams`, {
    roles: [fn.role!],
    statements: [new PolicyStatement({ actions: ['dynamodb:ListStreams'], resources: ['*'] })],
  });
  fn.node.addDependency(listStreams);
  Validations.of(listStreams).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'dynamodb:ListStreams supports no resource-level permissions; Lambda needs it to read the table stream.',
  });
};
