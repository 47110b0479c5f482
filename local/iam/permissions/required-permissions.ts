import type { Authorization } from '../../front-door/service-call';
import { dynamodbPermissions, dynamodbStreamsPermissions } from './dynamodb';
import { eventsPermissions, kinesisPermissions, lambdaPermissions, secretsManagerPermissions, snsPermissions, sqsPermissions } from './messaging';
import type { CallInput, PermissionRule, ResourceDirectory } from './resource-directory';

/** Operations that need no permission on AWS. */
const unauthorized = new Set(['sts GetCallerIdentity']);

const rules: Record<string, PermissionRule> = {
  dynamodb: dynamodbPermissions,
  'dynamodb-streams': dynamodbStreamsPermissions,
  sqs: sqsPermissions,
  kinesis: kinesisPermissions,
  secretsmanager: secretsManagerPermissions,
  sns: snsPermissions,
  events: eventsPermissions,
  lambda: lambdaPermissions,
};

/**
 * The IAM actions and resource ARNs a call needs, as the service's authorization reference lists them
 * ("Actions, resources, and condition keys for <service>"), with the request's condition keys.
 */
export const requiredPermissions = (service: string, call: CallInput, directory: ResourceDirectory): Authorization[] => {
  if (unauthorized.has(`${service} ${call.operation}`)) return [];
  const rule = rules[service];
  return rule ? rule(call, directory) : [];
};
