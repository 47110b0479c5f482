import { randomUUID } from 'node:crypto';

const environmentId = randomUUID();

/** Takes as long as the `ms` query parameter says, then answers 200 with its environment's id. */
export const handler = async (event: { queryStringParameters?: Record<string, string> }) => {
  const ms = Number(event.queryStringParameters?.ms ?? 0);
  await new Promise((resolve) => setTimeout(resolve, ms));
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sleptMs: ms, environmentId }) };
};
