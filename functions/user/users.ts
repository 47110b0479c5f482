import { documentClient } from '#shared/dynamodb-clients';
import { lazily } from '#shared/lazy';
import { userSettings } from './settings';
import { DynamoDbUserStore } from './store-dynamodb';

/** The store the handlers use, wired to DynamoDB once per execution environment. */
export const users = lazily(() => new DynamoDbUserStore(documentClient(), userSettings().tableName));
