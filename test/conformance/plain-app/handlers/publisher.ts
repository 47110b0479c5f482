import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

const sns = new SNSClient({});
const events = new EventBridgeClient({});

/** Tells of a note: to the topic's subscribers (SNS) and on the bus (EventBridge), through the SDK the Lambda runtime provides. */
export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const note = event.body ?? '';
  const { MessageId } = await sns.send(new PublishCommand({ TopicArn: process.env.TOPIC_ARN, Message: note, Subject: 'Note created' }));
  const { Entries } = await events.send(
    new PutEventsCommand({ Entries: [{ EventBusName: process.env.BUS_NAME, Source: 'notes', DetailType: 'NoteCreated', Detail: JSON.stringify({ note }) }] }),
  );
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messageId: MessageId, eventId: Entries?.[0]?.EventId }) };
};
