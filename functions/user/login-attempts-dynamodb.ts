import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type LoginAttempts, loginThrottle } from './domain/login-throttle';
import { loginAttemptsKey } from './table-layout';

export interface RecordedAttempts {
  readonly attempts?: LoginAttempts;
  /** Compared when writing, so that attempts racing each other are counted one by one. */
  readonly version: number;
}

/** The failed login attempts of each email, one item per email, expiring a day after the last attempt. */
export class DynamoDbLoginAttempts {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async read(email: string): Promise<RecordedAttempts> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: loginAttemptsKey(email), ConsistentRead: true }),
    );
    if (!Item) return { version: 0 };
    const { failures, windowStartedAt, lockouts, lockedUntil, lastAttemptAt, version } = Item;
    return {
      attempts: { failures, windowStartedAt, lockouts, lastAttemptAt, ...(lockedUntil !== undefined && { lockedUntil }) } as LoginAttempts,
      version: Number(version),
    };
  }

  /** Writes the attempts if nobody wrote them since `version` was read; false if somebody did. */
  async record(email: string, attempts: LoginAttempts, version: number): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...loginAttemptsKey(email),
            ...attempts,
            version: version + 1,
            expiresAt: Math.ceil((attempts.lastAttemptAt + loginThrottle.forgetAfterMs) / 1000),
          },
          ConditionExpression: version === 0 ? 'attribute_not_exists(pk)' : 'version = :version',
          ...(version !== 0 && { ExpressionAttributeValues: { ':version': version } }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async clear(email: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: loginAttemptsKey(email) }));
  }
}
