import { type AttributeValue, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ChargeOutcome } from './domain/provider';
import type { ChargeLedger, LedgerEntry, RecordedCharge } from './provider-simulator';
import { paymentPartitions } from './table-layout';

/*
 * The simulated processor's books, in the Payments table beside the payments (`SIMULATED-CHARGE#<key>`),
 * so that every execution environment sees the charges of every other, as a real processor's API would:
 * a retry after a timeout in another environment finds the first charge, and so does a reconciliation.
 * Kept a week, like a processor's idempotency keys (Stripe keeps them 24 hours).
 */
const entryKey = (idempotencyKey: string) => ({ pk: `${paymentPartitions.simulatedCharge}${idempotencyKey}`, sk: 'CHARGE' });
const retentionSeconds = 7 * 24 * 3600;

const toEntry = (item: Record<string, unknown>): LedgerEntry => ({
  outcome: item.outcome as ChargeOutcome,
  ...(typeof item.refundReference === 'string' && { refundReference: item.refundReference }),
});

export class DynamoDbChargeLedger implements ChargeLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(idempotencyKey: string, outcome: ChargeOutcome): Promise<RecordedCharge> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...entryKey(idempotencyKey), outcome, expiresAt: Math.floor(Date.now() / 1000) + retentionSeconds },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { outcome, recorded: true };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException) || !error.Item) throw error;
      return { outcome: toEntry(unmarshall(error.Item as Record<string, AttributeValue>)).outcome, recorded: false };
    }
  }

  async find(idempotencyKey: string): Promise<LedgerEntry | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: entryKey(idempotencyKey), ConsistentRead: true }));
    return Item && toEntry(Item);
  }

  async recordRefund(idempotencyKey: string, reference: string): Promise<string> {
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: entryKey(idempotencyKey),
        UpdateExpression: 'SET refundReference = if_not_exists(refundReference, :reference)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':reference': reference },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return String(Attributes!.refundReference);
  }
}
