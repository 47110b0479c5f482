import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';

/** A REQUEST authorizer: the tenant `acme` with the key `let-me-in` may call the method it asks for. */
export const handler = async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
  console.log(JSON.stringify({ conformance: 'request-authorizer', event }));
  const allowed = event.headers?.['x-tenant'] === 'acme' && event.queryStringParameters?.key === 'let-me-in';
  return {
    principalId: 'tenant-acme',
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: allowed ? 'Allow' : 'Deny', Resource: event.methodArn }] },
    context: { tenant: 'acme' },
  };
};
