import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { cancellationOf, transactWithConflictRetries } from '#shared/transactions';
import { type Credential, customerRoles, type Role, type User } from './domain/user';
import { EmailTakenError, type UserStore } from './store';
import { credentialKey, profileKey } from './table-layout';

/*
 * The profile and the credential are written in one transaction, each on the condition that it does
 * not exist yet: that is what makes an email unique even when two registrations race.
 */

const toUser = (item: Record<string, unknown>): User => ({
  userId: String(item.userId),
  email: String(item.email),
  name: String(item.name),
  // Accounts made before roles were stored are customers.
  roles: Array.isArray(item.roles) ? (item.roles as Role[]) : customerRoles,
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
    try {
      // A registration racing this one on the same email, or a throttled table: tried again, and the condition decides.
      await transactWithConflictRetries(() => this.client.send(command), transactionAttempts);
    } catch (error) {
      if (cancellationOf(error)?.codes[1] === 'ConditionalCheckFailed') throw new EmailTakenError();
      throw error;
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

  rename(userId: string, name: string): Promise<User | undefined> {
    return this.setAttribute(userId, 'name', name, 'ALL_NEW').then((attributes) => attributes && toUser(attributes));
  }

  async setRoles(userId: string, roles: readonly Role[]) {
    const before = await this.setAttribute(userId, 'roles', roles, 'ALL_OLD');
    if (!before) return undefined;
    const user = toUser(before);
    return { before: user.roles, user: { ...user, roles } };
  }

  /** Sets one attribute of an existing profile; undefined if there is no such profile. */
  private async setAttribute(userId: string, attribute: 'name' | 'roles', value: unknown, returnValues: 'ALL_NEW' | 'ALL_OLD') {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: profileKey(userId),
          UpdateExpression: 'SET #attribute = :value',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#attribute': attribute },
          ExpressionAttributeValues: { ':value': value },
          ReturnValues: returnValues,
        }),
      );
      return Attributes;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }
}
