import { documentClient } from '#shared/dynamodb-clients';
import { lazily } from '#shared/lazy';
import { inventorySettings } from './settings';
import { DynamoDbInventoryStore } from './store-dynamodb';

/** The store the handlers use, wired to DynamoDB once per execution environment. */
export const inventory = lazily(() => new DynamoDbInventoryStore(documentClient(), inventorySettings().tableName));
