import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent, PolicyDocument } from 'aws-lambda';

/**
 * A TOKEN authorizer: `Bearer allow-<name>` allows every method of the API for <name>, `Bearer deny` is
 * an explicit deny, `Bearer only-notes` allows GET /notes alone, `Bearer expired` is rejected as
 * unauthorized, and `Bearer broken` makes the authorizer fail.
 */
export const handler = async (event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
  console.log(JSON.stringify({ conformance: 'token-authorizer', event }));
  const token = event.authorizationToken.replace(/^Bearer /, '');
  if (token === 'expired') throw new Error('Unauthorized');
  if (token === 'broken') throw new Error('the token service is down');
  const [arn, stage] = event.methodArn.split('/');
  const everyMethod = `${arn}/${stage}/*`;
  const policy = (effect: 'Allow' | 'Deny', resource: string): PolicyDocument => ({ Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] });
  if (token === 'deny') return { principalId: 'nobody', policyDocument: policy('Deny', everyMethod) };
  if (token === 'only-notes') return { principalId: 'reader', policyDocument: policy('Allow', `${arn}/${stage}/GET/notes`) };
  const principalId = token.replace(/^allow-/, '');
  return { principalId, policyDocument: policy('Allow', everyMethod), context: { tenant: 'acme', level: 3, admin: true } };
};
