import type { Authorization } from '../../front-door/service-call';
import { arn, type CallInput, distinct, type PermissionRule, type ResourceDirectory, text } from './resource-directory';

/** SQS authorizes each batch call as its single-message action. */
const sqsActions: Record<string, string> = {
  SendMessageBatch: 'SendMessage',
  DeleteMessageBatch: 'DeleteMessage',
  ChangeMessageVisibilityBatch: 'ChangeMessageVisibility',
};

/** `http://host/<account>/<name>` → the queue's ARN. */
const queueArn = (call: CallInput, directory: ResourceDirectory, queueUrl: string) => {
  const [, account = directory.accountId, name = ''] = /\/(\d{12})\/([^/?]+)\/?$/.exec(queueUrl) ?? [];
  return `arn:aws:sqs:${call.region}:${account}:${name}`;
};

export const sqsPermissions: PermissionRule = (call, directory) => {
  const action = `sqs:${sqsActions[call.operation] ?? call.operation}`;
  const url = text(call.input.QueueUrl);
  if (url) return [{ action, resource: queueArn(call, directory, url) }];
  const name = text(call.input.QueueName);
  if (name) return [{ action, resource: arn('sqs', call, directory, name) }];
  const source = text(call.input.SourceArn) ?? text(call.input.TaskHandle);
  return [{ action, resource: source?.startsWith('arn:') ? source : '*' }];
};

/** Kinesis names the stream by ARN or name (GetRecords by its iterator); a consumer by its ARN. */
export const kinesisPermissions: PermissionRule = (call, directory) => {
  const action = `kinesis:${call.operation}`;
  const consumer = text(call.input.ConsumerARN);
  if (consumer) return [{ action, resource: consumer }];
  const iterator = text(call.input.ShardIterator);
  const stream =
    text(call.input.StreamARN) ??
    (text(call.input.StreamName) && arn('kinesis', call, directory, `stream/${text(call.input.StreamName)}`)) ??
    (iterator && directory.streamOfIterator(iterator));
  if (stream) return [{ action, resource: stream }];
  return call.operation === 'GetRecords' ? [] : [{ action, resource: '*' }];
};

export const secretsManagerPermissions: PermissionRule = (call, directory) => {
  const action = `secretsmanager:${call.operation}`;
  if (call.operation === 'BatchGetSecretValue') {
    const ids = (call.input.SecretIdList as string[] | undefined) ?? [];
    return ids.length ? ids.map((id) => ({ action: 'secretsmanager:GetSecretValue', resource: directory.secretArn(id) ?? id })) : [{ action, resource: '*' }];
  }
  const id = text(call.input.SecretId) ?? text(call.input.Name);
  if (!id) return [{ action, resource: '*' }];
  return [{ action, resource: directory.secretArn(id) ?? (id.startsWith('arn:') ? id : arn('secretsmanager', call, directory, `secret:${id}`)) }];
};

export const snsPermissions: PermissionRule = (call) => {
  const resource = text(call.input.TopicArn) ?? text(call.input.TargetArn) ?? text(call.input.ResourceArn) ?? '*';
  return [{ action: `sns:${call.operation === 'PublishBatch' ? 'Publish' : call.operation}`, resource }];
};

const busArn = (call: CallInput, directory: ResourceDirectory, nameOrArn: string | undefined) =>
  nameOrArn?.startsWith('arn:') ? nameOrArn : arn('events', call, directory, `event-bus/${nameOrArn ?? 'default'}`);

/** PutEvents is authorized per entry: on its bus, with its source and detail type as condition keys. */
export const eventsPermissions: PermissionRule = (call, directory) => {
  if (call.operation !== 'PutEvents') {
    const name = text(call.input.EventBusName) ?? text(call.input.Name);
    return [{ action: `events:${call.operation}`, resource: name ? busArn(call, directory, name) : '*' }];
  }
  const entries = (call.input.Entries ?? []) as { EventBusName?: string; Source?: string; DetailType?: string }[];
  return distinct(
    entries.map(
      (entry): Authorization => ({
        action: 'events:PutEvents',
        resource: busArn(call, directory, entry.EventBusName),
        context: { ...(entry.Source && { 'events:source': entry.Source }), ...(entry.DetailType && { 'events:detail-type': entry.DetailType }) },
      }),
    ),
  );
};

/** `name`, `name:qualifier`, a partial `account:function:name` or a full ARN → the function's ARN (with its qualifier). */
export const functionArn = (call: CallInput, directory: ResourceDirectory, nameOrArn: string, qualifier?: string) => {
  const full = nameOrArn.startsWith('arn:')
    ? nameOrArn
    : /^\d{12}:function:/.test(nameOrArn)
      ? `arn:aws:lambda:${call.region}:${nameOrArn}`
      : arn('lambda', call, directory, `function:${nameOrArn}`);
  return qualifier ? `${full}:${qualifier}` : full;
};

export const lambdaPermissions: PermissionRule = (call, directory) => {
  const name = text(call.input.FunctionName);
  const action = call.operation === 'Invoke' || call.operation === 'InvokeAsync' ? 'lambda:InvokeFunction' : `lambda:${call.operation}`;
  return [{ action, resource: name ? functionArn(call, directory, name, text(call.input.Qualifier)) : '*' }];
};
