import { documentClient } from '#shared/dynamodb-clients';
import { lazily } from '#shared/lazy';
import { paymentSettings } from './settings';
import { DynamoDbPaymentStore } from './store-dynamodb';

/** The store the handlers use, wired to DynamoDB once per execution environment. */
export const payments = lazily(() => new DynamoDbPaymentStore(documentClient(), paymentSettings().tableName));
