import type { DynamoDBStreamEvent } from 'aws-lambda';

/** Logs the keys of every batch of table changes it gets, in order. */
export const handler = async (event: DynamoDBStreamEvent): Promise<void> => {
  const ids = event.Records.map((record) => record.dynamodb?.Keys?.id?.S);
  console.log(JSON.stringify({ conformance: 'table-stream', ids, events: event.Records.map((record) => record.eventName) }));
};
