import { type AttributeValue, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { type BreakerState, closedBreaker } from './domain/circuit-breaker';
import { type Claim, claimOf, type Payment, type PaymentLease, type PaymentOutcome, type StoredPayment } from './domain/payment';
import type { BreakerWrite, PaymentStore, PaymentSubject, VersionedBreakerState } from './store';
import { paymentPartitions } from './table-layout';

/*
 * Item kinds: payments (`PAYMENT#<orderId>`), which also carry the lease of the delivery charging them
 * (`leaseOwner`, `leaseUntil` in epoch ms), and one circuit breaker per provider (`BREAKER#<name>`).
 * (Items under `IDEMPOTENCY#charge` are the Powertools idempotency records earlier releases kept;
 * nothing reads them any more, and they expire at `expiresAt`.)
 */
const paymentKey = (orderId: string) => ({ pk: `${paymentPartitions.payment}${orderId}`, sk: 'PAYMENT' });
const breakerKey = (provider: string) => ({ pk: `${paymentPartitions.breaker}${provider}`, sk: 'BREAKER' });

const toPayment = (item: Record<string, unknown>): Payment => {
  const { pk: _pk, sk: _sk, leaseOwner: _owner, leaseUntil: _until, ...payment } = item;
  return payment as unknown as Payment;
};

const toStoredPayment = (item: Record<string, unknown>): StoredPayment => {
  const { leaseOwner, leaseUntil } = item;
  const lease = typeof leaseOwner === 'string' && leaseUntil !== undefined ? { owner: leaseOwner, until: Number(leaseUntil) } : undefined;
  return { ...toPayment(item), ...(lease && { lease }) };
};

const toVersionedBreaker = (item: Record<string, unknown> | undefined): VersionedBreakerState =>
  item ? { state: item.breaker as BreakerState, version: Number(item.version) } : { state: closedBreaker, version: 0 };

/** The item a failed condition was checked against, when the request asked for it (ALL_OLD). The document client does not unmarshall it. */
const itemOf = (error: ConditionalCheckFailedException) => error.Item && unmarshall(error.Item as Record<string, AttributeValue>);

export class DynamoDbPaymentStore implements PaymentStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(orderId: string): Promise<Payment | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: paymentKey(orderId), ConsistentRead: true }));
    return Item && toPayment(Item);
  }

  /** One conditional write: its condition is `claimOf`'s rule, and when it fails the item it failed on says why. */
  async claim(subject: PaymentSubject, lease: PaymentLease, now: Date): Promise<Claim> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: paymentKey(subject.orderId),
          UpdateExpression: [
            'SET orderId = :orderId, userId = :userId, amountCents = :amountCents, #status = if_not_exists(#status, :pending)',
            'attempts = if_not_exists(attempts, :zero), createdAt = if_not_exists(createdAt, :now), updatedAt = :now',
            'leaseOwner = :owner, leaseUntil = :until',
          ].join(', '),
          ConditionExpression: 'attribute_not_exists(#status) OR (#status = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :nowMs))',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ...subjectValues(subject),
            ':pending': 'PENDING',
            ':zero': 0,
            ':now': now.toISOString(),
            ':nowMs': now.getTime(),
            ':owner': lease.owner,
            ':until': lease.until,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { kind: 'claimed' };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const item = itemOf(error);
      const claim = item && claimOf(toStoredPayment(item), now.getTime());
      if (!claim || claim.kind === 'claimed') throw new Error(`The payment for order ${subject.orderId} could not be claimed, nor said why`, { cause: error });
      return claim;
    }
  }

  async settle(subject: PaymentSubject, outcome: PaymentOutcome, attempts: number, now: Date): Promise<Payment & PaymentOutcome> {
    const detail = outcome.status === 'CAPTURED' ? 'providerReference' : 'declineReason';
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: paymentKey(subject.orderId),
          UpdateExpression: [
            'SET orderId = :orderId, userId = :userId, amountCents = :amountCents, #status = :status, #detail = :detail,',
            'createdAt = if_not_exists(createdAt, :now), updatedAt = :now',
            'REMOVE leaseOwner, leaseUntil ADD attempts :attempts',
          ].join(' '),
          ConditionExpression: 'attribute_not_exists(#status) OR #status IN (:pending, :status)',
          ExpressionAttributeNames: { '#status': 'status', '#detail': detail },
          ExpressionAttributeValues: {
            ...subjectValues(subject),
            ':status': outcome.status,
            ':detail': outcome.status === 'CAPTURED' ? outcome.providerReference : outcome.declineReason,
            ':pending': 'PENDING',
            ':attempts': attempts,
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

  async release(subject: PaymentSubject, owner: string, attempts: number, now: Date): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: paymentKey(subject.orderId),
          UpdateExpression: 'SET updatedAt = :now REMOVE leaseOwner, leaseUntil ADD attempts :attempts',
          ConditionExpression: 'leaseOwner = :owner',
          ExpressionAttributeValues: { ':now': now.toISOString(), ':owner': owner, ':attempts': attempts },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async readBreaker(provider: string, { consistent }: { consistent: boolean }): Promise<VersionedBreakerState> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: breakerKey(provider), ConsistentRead: consistent }));
    return toVersionedBreaker(Item);
  }

  async writeBreaker(provider: string, state: BreakerState, expectedVersion: number): Promise<BreakerWrite> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...breakerKey(provider), breaker: state, version: expectedVersion + 1 },
          ConditionExpression: 'attribute_not_exists(pk) OR version = :expected',
          ExpressionAttributeValues: { ':expected': expectedVersion },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { written: true };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const item = itemOf(error);
      // The failed write answers with the item it lost to; only if it did not is one more (consistent) read needed.
      return { written: false, current: item ? toVersionedBreaker(item) : await this.readBreaker(provider, { consistent: true }) };
    }
  }
}

const subjectValues = (subject: PaymentSubject) => ({
  ':orderId': subject.orderId,
  ':userId': subject.userId,
  ':amountCents': subject.amountCents,
});
