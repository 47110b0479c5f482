import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#shared/dynamodb-clients';
import { orderSettings } from './settings';

/**
 * Once a CapturePayment is on its way to Payment, its outbox item keeps no payment token: the item
 * stays a week for an operator to look at, the token does not stay one second longer than needed.
 * `itemKey` is the published item's own key: the outbox item, or an operator's republished copy of it.
 */
export const forgetPaymentToken = async (itemKey: { readonly pk: string; readonly sk: string }): Promise<void> => {
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: orderSettings().tableName,
        Key: { pk: itemKey.pk, sk: itemKey.sk },
        UpdateExpression: 'REMOVE #message.#paymentToken',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#message': 'message', '#paymentToken': 'paymentToken' },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error; // the item is gone already
  }
};
