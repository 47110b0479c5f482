import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { sqsClient } from './clients';
import { logger } from './powertools';

/** Every message between services names its kind in `type`; the body is JSON. */
export interface Message {
  readonly type: string;
}

/** Message attributes that travel with every message: the consumer logs under the same correlation id. */
export const correlationIdAttribute = 'correlationId';
export const messageTypeAttribute = 'messageType';

export interface SendOptions {
  readonly correlationId: string;
  /** Hold the message back for this long (at most 900 s, an SQS limit). */
  readonly delaySeconds?: number;
}

export const sendMessage = async (queueUrl: string, message: Message, options: SendOptions): Promise<void> => {
  const { MessageId } = await sqsClient().send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify(message),
      DelaySeconds: options.delaySeconds,
      MessageAttributes: {
        [correlationIdAttribute]: { DataType: 'String', StringValue: options.correlationId },
        [messageTypeAttribute]: { DataType: 'String', StringValue: message.type },
      },
    }),
  );
  logger.debug('Sent message', { type: message.type, messageId: MessageId, delaySeconds: options.delaySeconds });
};
