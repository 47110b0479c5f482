import { randomUUID } from 'node:crypto';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { QueueSender } from '../lambda/async-invoker';
import { type AwsClients, regionOfArn } from './aws-clients';

/**
 * Sends a message to a queue by its ARN, as an AWS service delivering to it (SNS, EventBridge, Lambda's
 * on-failure destinations): straight to the SQS emulator, the queue named by its URL under `queueUrlBase`.
 * A FIFO message without a deduplication id gets a fresh one, as those services set one.
 */
export const queueSender =
  (clients: AwsClients, queueUrlBase: string): QueueSender =>
  async (queueArn, body, options = {}) => {
    const [, , , region = '', account = '', name = ''] = queueArn.split(':');
    const attributes = Object.entries(options.attributes ?? {});
    await clients.for(region || regionOfArn(queueArn)).sqs.send(
      new SendMessageCommand({
        QueueUrl: `${queueUrlBase}/${account}/${name}`,
        MessageBody: body,
        ...(attributes.length > 0 && {
          MessageAttributes: Object.fromEntries(
            attributes.map(([key, value]) => [
              key,
              typeof value === 'string'
                ? { DataType: 'String', StringValue: value }
                : { DataType: value.DataType, StringValue: value.StringValue, BinaryValue: value.BinaryValue === undefined ? undefined : Buffer.from(value.BinaryValue, 'base64') },
            ]),
          ),
        }),
        ...(options.messageGroupId && { MessageGroupId: options.messageGroupId, MessageDeduplicationId: options.deduplicationId ?? randomUUID() }),
      }),
    );
  };
