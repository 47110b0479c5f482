import { documentClient } from '#shared/dynamodb-clients';
import { lazily } from '#shared/lazy';
import { orderSettings } from './settings';
import { DynamoDbOrderStore } from './store-dynamodb';

/** The store the handlers use, wired to DynamoDB once per execution environment. */
export const orders = lazily(() => new DynamoDbOrderStore(documentClient(), orderSettings().tableName));
