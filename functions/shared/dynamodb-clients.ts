import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { lazily } from './lazy';
import { tracer } from './powertools';
import { awsRequestHandler } from './request-handler';

/** The DynamoDB client, created on first use and captured by the Tracer, like those in `clients.ts`. */
export const dynamoDbClient = /* @__PURE__ */ lazily(() => tracer.captureAWSv3Client(new DynamoDBClient({ requestHandler: awsRequestHandler() })));

/** Shares the captured client's middleware stack, so its calls are traced too. */
export const documentClient = /* @__PURE__ */ lazily(() =>
  DynamoDBDocumentClient.from(dynamoDbClient(), {
    marshallOptions: { removeUndefinedValues: true },
  }),
);
