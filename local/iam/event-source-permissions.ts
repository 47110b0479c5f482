import type { EventSourceMappingSpec, FunctionSpec } from '../assembly/app-model';
import { assumedRoleArn } from '../front-door/callers';
import type { Authorization } from '../front-door/service-call';
import type { LocalIam } from './local-iam';

/** What Lambda's poller does with the function's role, per source ("Lambda execution role permissions" of each event source). */
const pollerPermissions = (mapping: EventSourceMappingSpec): Authorization[] => {
  const { source } = mapping;
  const on = (resource: string, ...actions: string[]) => actions.map((action) => ({ action, resource }));
  const reads =
    source.kind === 'sqs'
      ? on(source.queue.arn, 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes')
      : source.kind === 'kinesis'
        ? on(source.stream.arn, 'kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards')
        : on(source.streamArn, 'dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator');
  return [...reads, ...(mapping.onFailure ? on(mapping.onFailure.arn, 'sqs:SendMessage') : [])];
};

/**
 * The permissions the function's role lacks for its event source mapping, as Lambda checks them when
 * the mapping is created (it refuses to create or enable it): empty when the role may poll.
 */
export const missingPollerPermissions = async (iam: LocalIam, fn: FunctionSpec, mapping: EventSourceMappingSpec): Promise<string[]> => {
  const principalArn = assumedRoleArn(fn.roleArn, fn.name);
  const missing: string[] = [];
  for (const permission of pollerPermissions(mapping)) {
    const decision = await iam.authorize({ principalArn, ...permission });
    if (!decision.allowed) missing.push(`${permission.action} on ${permission.resource}`);
  }
  return missing;
};
