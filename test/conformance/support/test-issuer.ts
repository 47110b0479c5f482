import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

export interface TestIssuer {
  /** The public key the conformance app publishes at its JWKS URL. */
  readonly publicJwk: JWK;
  /** A token from this issuer for the given audience; `issuer` is the app's API URL. */
  token(options: { issuer: string; audience: string; scope?: string; expiresIn?: string; claims?: Record<string, unknown> }): Promise<string>;
}

/** A token issuer of the test's own: an RSA key (HTTP API JWT authorizers verify RSA signatures). */
export const createTestIssuer = async (): Promise<TestIssuer> => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const kid = 'conformance-key';
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return {
    publicJwk,
    token: ({ issuer, audience, scope, expiresIn = '5m', claims = {} }) =>
      new SignJWT({ ...claims, ...(scope !== undefined && { scope }) })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject('conformance-user')
        .setIssuedAt(Math.floor(Date.now() / 1000) - 60)
        .setExpirationTime(expiresIn)
        .sign(privateKey),
  };
};
