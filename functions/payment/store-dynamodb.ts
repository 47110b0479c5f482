import { type AttributeValue, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { type BreakerState, closedBreaker } from './domain/circuit-breaker';
import {
  type Claim,
  claimOf,
  type ClaimPurpose,
  doneFor,
  type Payment,
  type PaymentLease,
  type PaymentOutcome,
  paymentStatuses,
  type SettledPayment,
  settlableFrom,
  type StoredPayment,
} from './domain/payment';
import type { BreakerWrite, PaymentStore, PaymentSubject, SettlingDelivery, VersionedBreakerState } from './store';
import { paymentPartitions } from './table-layout';

/*
 * Item kinds: payments (`PAYMENT#<orderId>`), which also carry the lease of the delivery acting on them
 * (`leaseOwner`, `leaseUntil` in epoch ms) and the delivery that settled them (`settledBy`), one circuit
 * breaker per provider (`BREAKER#<name>`), and the payment simulator's books (`SIMULATED-CHARGE#<key>`,
 * see simulator-ledger-dynamodb.ts).
 * (Items under `IDEMPOTENCY#charge` are the Powertools idempotency records earlier releases kept;
 * nothing reads them any more, and they expire at `expiresAt`.)
 */
const paymentKey = (orderId: string) => ({ pk: `${paymentPartitions.payment}${orderId}`, sk: 'PAYMENT' });
const breakerKey = (provider: string) => ({ pk: `${paymentPartitions.breaker}${provider}`, sk: 'BREAKER' });

/** What a claim writes as the lease it took over (`takenOverFrom`) when there was none. */
const noLease = '-';

const toPayment = (item: Record<string, unknown>): Payment => {
  const { pk: _pk, sk: _sk, leaseOwner: _owner, leaseUntil: _until, outcomeUnknown: _unknown, takenOverFrom: _from, settledBy: _settledBy, ...payment } = item;
  return payment as unknown as Payment;
};

const toStoredPayment = (item: Record<string, unknown>): StoredPayment => {
  const { leaseOwner, leaseUntil, takenOverFrom } = item;
  const lease = typeof leaseOwner === 'string' && leaseUntil !== undefined ? { owner: leaseOwner, until: Number(leaseUntil) } : undefined;
  // A lease still there when another delivery claims it was never given back: its holder died, whatever it did.
  const outcomeUnknown = item.outcomeUnknown === true || (typeof takenOverFrom === 'string' && takenOverFrom !== noLease);
  return { ...toPayment(item), ...(lease && { lease }), ...(outcomeUnknown && { outcomeUnknown }) };
};

const toVersionedBreaker = (item: Record<string, unknown> | undefined): VersionedBreakerState =>
  item ? { state: item.breaker as BreakerState, version: Number(item.version) } : { state: closedBreaker, version: 0 };

/** The item a failed condition was checked against, when the request asked for it (ALL_OLD). The document client does not unmarshall it. */
const itemOf = (error: ConditionalCheckFailedException) => error.Item && unmarshall(error.Item as Record<string, AttributeValue>);

/** `#status IN (:status0, :status1, ...)` with its values. */
const statusIn = (statuses: readonly string[]) => ({
  expression: `#status IN (${statuses.map((_, index) => `:status${index}`).join(', ')})`,
  values: Object.fromEntries(statuses.map((status, index) => [`:status${index}`, status])),
});

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
  async claim(subject: PaymentSubject, lease: PaymentLease, now: Date, purpose: ClaimPurpose): Promise<Claim> {
    const claimable = statusIn(paymentStatuses.filter((status) => !doneFor[purpose].includes(status)));
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: paymentKey(subject.orderId),
          UpdateExpression: [
            'SET orderId = :orderId, userId = :userId, amountCents = :amountCents, #status = if_not_exists(#status, :pending)',
            'attempts = if_not_exists(attempts, :zero), createdAt = if_not_exists(createdAt, :now), updatedAt = :now',
            // Every operand reads the item as it was: the lease taken over, if any.
            'takenOverFrom = if_not_exists(leaseOwner, :noLease), leaseOwner = :owner, leaseUntil = :until',
          ].join(', '),
          ConditionExpression: `attribute_not_exists(#status) OR (${claimable.expression} AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :nowMs))`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ...subjectValues(subject),
            ...claimable.values,
            ':pending': 'PENDING',
            ':zero': 0,
            ':now': now.toISOString(),
            ':nowMs': now.getTime(),
            ':owner': lease.owner,
            ':until': lease.until,
            ':noLease': noLease,
          },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { kind: 'claimed', payment: toStoredPayment(Attributes!) };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const item = itemOf(error);
      const stored = item && toStoredPayment(item);
      // The lease is this delivery's own: an earlier try of this same write was made, its answer lost, and the SDK sent it again.
      if (stored?.lease?.owner === lease.owner && stored.lease.until === lease.until) return { kind: 'claimed', payment: stored };
      const rule = stored && claimOf(stored, now.getTime(), purpose);
      if (!rule || rule.kind === 'claimable') throw new Error(`The payment for order ${subject.orderId} could not be claimed, nor said why`, { cause: error });
      return rule;
    }
  }

  async requestCancellation(subject: PaymentSubject, now: Date): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: paymentKey(subject.orderId),
        UpdateExpression: [
          'SET cancelRequested = :true, orderId = :orderId, userId = :userId, amountCents = if_not_exists(amountCents, :amountCents)',
          '#status = if_not_exists(#status, :pending), attempts = if_not_exists(attempts, :zero)',
          'createdAt = if_not_exists(createdAt, :now), updatedAt = :now',
        ].join(', '),
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ...subjectValues(subject), ':true': true, ':pending': 'PENDING', ':zero': 0, ':now': now.toISOString() },
      }),
    );
  }

  async settle(subject: PaymentSubject, outcome: PaymentOutcome, { owner, attempts }: SettlingDelivery, now: Date): Promise<SettledPayment> {
    const { status, ...details } = outcome;
    const from = statusIn(settlableFrom[status]);
    const detailNames = Object.keys(details);
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: paymentKey(subject.orderId),
          UpdateExpression: [
            `SET orderId = :orderId, userId = :userId, amountCents = :amountCents, #status = :status,`,
            ...detailNames.map((name) => `#${name} = :${name},`),
            'settledBy = :owner, createdAt = if_not_exists(createdAt, :now), updatedAt = :now',
            'REMOVE leaseOwner, leaseUntil ADD attempts :attempts',
          ].join(' '),
          ConditionExpression: `(attribute_not_exists(#status) OR ${from.expression}) AND (attribute_not_exists(settledBy) OR settledBy <> :owner)`,
          ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(detailNames.map((name) => [`#${name}`, name])) },
          ExpressionAttributeValues: {
            ...subjectValues(subject),
            ...from.values,
            ...Object.fromEntries(Object.entries(details).map(([name, value]) => [`:${name}`, value])),
            ':status': status,
            ':owner': owner,
            ':attempts': attempts,
            ':now': now.toISOString(),
          },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return toPayment(Attributes!) as SettledPayment;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        const item = itemOf(error);
        // This delivery's own settle, sent again after its answer was lost: its calls are counted already.
        if (item?.settledBy === owner && item.status === status) return toPayment(item) as SettledPayment;
        throw new Error(`Payment for order ${subject.orderId} is settled already, and cannot become ${status}`, { cause: error });
      }
      throw error;
    }
  }

  async release(subject: PaymentSubject, owner: string, attempts: number, now: Date, outcomeUnknown: boolean): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: paymentKey(subject.orderId),
          UpdateExpression: `SET updatedAt = :now${outcomeUnknown ? ', outcomeUnknown = :true' : ''} REMOVE leaseOwner, leaseUntil ADD attempts :attempts`,
          ConditionExpression: 'leaseOwner = :owner',
          ExpressionAttributeValues: { ':now': now.toISOString(), ':owner': owner, ':attempts': attempts, ...(outcomeUnknown && { ':true': true }) },
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
