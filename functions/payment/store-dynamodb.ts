import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type BreakerState, closedBreaker } from './domain/circuit-breaker';
import type { Payment, PaymentOutcome } from './domain/payment';
import type { PaymentStore, PaymentSubject, VersionedBreakerState } from './store';

/*
 * Item kinds: payments (`PAYMENT#<orderId>`), one circuit breaker per provider (`BREAKER#<name>`), and
 * the Powertools idempotency records of charges (`IDEMPOTENCY#charge`, see charges.ts).
 */
const paymentKey = (orderId: string) => ({ pk: `PAYMENT#${orderId}`, sk: 'PAYMENT' });
const breakerKey = (provider: string) => ({ pk: `BREAKER#${provider}`, sk: 'BREAKER' });

const toPayment = (item: Record<string, unknown>): Payment => {
  const { pk: _pk, sk: _sk, ...payment } = item;
  return payment as unknown as Payment;
};

export class DynamoDbPaymentStore implements PaymentStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(orderId: string): Promise<Payment | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: paymentKey(orderId), ConsistentRead: true }));
    return Item && toPayment(Item);
  }

  async recordAttempt(subject: PaymentSubject, now: Date): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: paymentKey(subject.orderId),
        UpdateExpression: [
          'SET orderId = :orderId, userId = :userId, amountCents = :amountCents, #status = if_not_exists(#status, :pending)',
          'createdAt = if_not_exists(createdAt, :now), updatedAt = :now ADD attempts :one',
        ].join(', '),
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ...subjectValues(subject), ':pending': 'PENDING', ':now': now.toISOString(), ':one': 1 },
      }),
    );
  }

  async settle(subject: PaymentSubject, outcome: PaymentOutcome, now: Date): Promise<Payment & PaymentOutcome> {
    const detail = outcome.status === 'CAPTURED' ? 'providerReference' : 'declineReason';
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: paymentKey(subject.orderId),
          UpdateExpression: [
            'SET orderId = :orderId, userId = :userId, amountCents = :amountCents, #status = :status, #detail = :detail',
            'attempts = if_not_exists(attempts, :zero), createdAt = if_not_exists(createdAt, :now), updatedAt = :now',
          ].join(', '),
          ConditionExpression: 'attribute_not_exists(#status) OR #status IN (:pending, :status)',
          ExpressionAttributeNames: { '#status': 'status', '#detail': detail },
          ExpressionAttributeValues: {
            ...subjectValues(subject),
            ':status': outcome.status,
            ':detail': outcome.status === 'CAPTURED' ? outcome.providerReference : outcome.declineReason,
            ':pending': 'PENDING',
            ':zero': 0,
            ':now': now.toISOString(),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toPayment(Attributes!) as Payment & PaymentOutcome;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new Error(`Payment for order ${subject.orderId} is settled already, and not as ${outcome.status}`, { cause: error });
      }
      throw error;
    }
  }

  async readBreaker(provider: string): Promise<VersionedBreakerState> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: breakerKey(provider), ConsistentRead: true }));
    if (!Item) return { state: closedBreaker, version: 0 };
    return { state: Item.breaker as BreakerState, version: Number(Item.version) };
  }

  async writeBreaker(provider: string, state: BreakerState, expectedVersion: number): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...breakerKey(provider), breaker: state, version: expectedVersion + 1 },
          ConditionExpression: 'attribute_not_exists(pk) OR version = :expected',
          ExpressionAttributeValues: { ':expected': expectedVersion },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

const subjectValues = (subject: PaymentSubject) => ({
  ':orderId': subject.orderId,
  ':userId': subject.userId,
  ':amountCents': subject.amountCents,
});
