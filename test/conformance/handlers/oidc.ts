import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** The test issuer's discovery document and key set; its private key stays with the test. */
export const handler = async (event: APIGatewayProxyEventV2) => {
  const issuer = process.env.ISSUER!;
  const document = event.rawPath.endsWith('jwks.json')
    ? { keys: [JSON.parse(process.env.PUBLIC_JWK!)] }
    : { issuer, jwks_uri: `${issuer}/.well-known/jwks.json` };
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(document) };
};
