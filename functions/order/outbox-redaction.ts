import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#shared/dynamodb-clients';
import type { OutgoingMessage } from './domain/order';
import { orderSettings } from './settings';
import { outboxKey } from './table-layout';

/**
 * Once a CapturePayment is on its way to Payment, its outbox item keeps no payment token: the item
 * stays a week for an operator to look at, the token does not stay one second longer than needed.
 */
export const forgetPaymentToken = async (message: Extract<OutgoingMessage, { type: 'CapturePayment' }>): Promise<void> => {
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: orderSettings().tableName,
        Key: outboxKey(message),
        UpdateExpression: 'REMOVE #message.#paymentToken',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#message': 'message', '#paymentToken': 'paymentToken' },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error; // the item is gone already
  }
};
