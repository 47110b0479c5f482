import { Duration, type Stack } from 'aws-cdk-lib';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { ArnPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IStream } from 'aws-cdk-lib/aws-kinesis';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import type { FunctionFactory } from './conformance-stack';

/**
 * A function whose AWS calls meet IAM: one statement per policy feature (an allow with a condition
 * key, a wildcard, an explicit deny, NotResource, NotAction) and resources that admit it by their own
 * policy (a queue, a secret) or admit nobody. Returns the function, for the grants messaging.ts adds.
 */
export const addAwsAccess = (stack: Stack, fn: FunctionFactory, existing: { echo: IFunction; poisonChanges: IStream }): NodejsFunction => {
  // Room for the SDK's backoff on a throttled call (up to 3 s over three attempts) on a loaded machine.
  const caller = fn('AwsCaller', 'aws-caller.ts', Duration.seconds(10));
  const role = caller.role!;

  // Each tenant's items under its own partition key: the caller may touch tenant-a's only.
  const ledger = new Table(stack, 'Ledger', { partitionKey: { name: 'tenant', type: AttributeType.STRING }, sortKey: { name: 'id', type: AttributeType.STRING } });
  role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
      resources: [ledger.tableArn],
      conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['tenant-a'] } },
    }),
  );

  // Every `*Item` action but DeleteItem, which a Deny takes back.
  const catalog = new Table(stack, 'Catalog', { partitionKey: { name: 'sku', type: AttributeType.STRING } });
  role.addToPrincipalPolicy(new PolicyStatement({ actions: ['dynamodb:*Item'], resources: [catalog.tableArn] }));
  role.addToPrincipalPolicy(new PolicyStatement({ effect: Effect.DENY, actions: ['dynamodb:DeleteItem'], resources: [catalog.tableArn] }));

  // Any stream but one.
  role.addToPrincipalPolicy(new PolicyStatement({ actions: ['kinesis:PutRecord'], notResources: [existing.poisonChanges.streamArn] }));

  // Anything on this secret but changing it.
  const apiKey = new Secret(stack, 'ApiKey', { generateSecretString: { passwordLength: 16 } });
  role.addToPrincipalPolicy(new PolicyStatement({ notActions: ['secretsmanager:PutSecretValue', 'secretsmanager:Delete*'], resources: [apiKey.secretArn] }));
  // A secret that admits the caller by its own policy alone.
  const sharedKey = new Secret(stack, 'SharedKey', { generateSecretString: { passwordLength: 16 } });
  sharedKey.addToResourcePolicy(new PolicyStatement({ principals: [new ArnPrincipal(role.roleArn)], actions: ['secretsmanager:GetSecretValue'], resources: ['*'] }));

  // A queue that admits the caller by its queue policy alone, and one that admits nobody.
  const inbox = new Queue(stack, 'Inbox');
  inbox.addToResourcePolicy(new PolicyStatement({ principals: [new ArnPrincipal(role.roleArn)], actions: ['sqs:SendMessage'], resources: [inbox.queueArn] }));
  new Queue(stack, 'Closed');

  existing.echo.grantInvoke(caller);
  return caller;
};
