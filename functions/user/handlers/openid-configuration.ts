import { httpRoute, json } from '#shared/http';
import { signingAlgorithm } from '../domain/tokens';
import { tokenSettings } from '../settings';

/** The discovery document the gateway's JWT authorizer reads to find the JWKS (OpenID Connect Discovery 1.0). */
export const handler = httpRoute({}, async () => {
  const { issuer } = tokenSettings();
  return json(
    200,
    {
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      response_types_supported: ['token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: [signingAlgorithm],
      scopes_supported: ['customer', 'admin'],
      claims_supported: ['iss', 'aud', 'sub', 'exp', 'iat', 'jti', 'roles', 'scope'],
    },
    { 'cache-control': 'public, max-age=3600' },
  );
});
