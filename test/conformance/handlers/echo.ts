import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** Module scope: set once per execution environment, kept across its invocations. */
const environmentId = randomUUID();
let invocations = 0;

/** Answers with the event it got and how many invocations its environment has served. */
export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  invocations += 1;
  console.log(JSON.stringify({ conformance: 'echo', path: event.rawPath, environmentId }));
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json', 'access-control-allow-origin': 'https://ignored.example' },
    cookies: ['flavour=oat'],
    body: JSON.stringify({ event, environmentId, invocations }),
  };
};
