import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';

/** A Lambda authorizer with simple responses: the key `let-me-in` is authorized, any other is not. */
export const handler = async (event: APIGatewayRequestAuthorizerEventV2) => {
  console.log(JSON.stringify({ conformance: 'authorizer', identitySource: event.identitySource }));
  const [key] = event.identitySource ?? [];
  return { isAuthorized: key === 'let-me-in', context: { tenant: 'acme', keyLength: key?.length ?? 0 } };
};
