import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Credential, normalizeEmail, type User } from './domain/user';
import { EmailTakenError, type UserStore } from './store';

/**
 * One table, two item kinds: the profile under `USER#<userId>` and the credential under
 * `EMAIL#<normalized email>`. Writing both in one transaction, each on the condition that it does not
 * exist yet, is what makes an email unique even when two registrations race.
 */
const profileKey = (userId: string) => ({ pk: `USER#${userId}`, sk: 'PROFILE' });
const credentialKey = (email: string) => ({ pk: `EMAIL#${normalizeEmail(email)}`, sk: 'CREDENTIAL' });

const toUser = (item: Record<string, unknown>): User => ({
  userId: String(item.userId),
  email: String(item.email),
  name: String(item.name),
  createdAt: String(item.createdAt),
});

const transactionAttempts = 3;

export class DynamoDbUserStore implements UserStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(user: User, passwordHash: string): Promise<void> {
    const command = new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...profileKey(user.userId), ...user },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: { ...credentialKey(user.email), userId: user.userId, email: user.email, passwordHash },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
    });
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.send(command);
        return;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons?.map((reason) => reason.Code) ?? [];
        if (reasons[1] === 'ConditionalCheckFailed') throw new EmailTakenError();
        // A registration racing this one touched the same email: try again and let the condition decide.
        if (!reasons.includes('TransactionConflict') || attempt === transactionAttempts) throw error;
      }
    }
  }

  async findCredential(email: string): Promise<Credential | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: credentialKey(email) }));
    return Item && { userId: String(Item.userId), email: String(Item.email), passwordHash: String(Item.passwordHash) };
  }

  async get(userId: string): Promise<User | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: profileKey(userId) }));
    return Item && toUser(Item);
  }

  async rename(userId: string, name: string): Promise<User | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: profileKey(userId),
          UpdateExpression: 'SET #name = :name',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: { ':name': name },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes && toUser(Attributes);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }
}
