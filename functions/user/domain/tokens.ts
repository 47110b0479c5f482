import { randomUUID } from 'node:crypto';
import { type CryptoKey, type JWK, type KeyObject, SignJWT } from 'jose';
import type { Role } from './user';

/** RS256: the only family API Gateway's JWT authorizer verifies. */
export const signingAlgorithm = 'RS256';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey | KeyObject | JWK | Uint8Array;
}

export interface TokenSettings {
  readonly issuer: string;
  readonly audience: string;
  readonly ttlSeconds: number;
}

export interface AccessToken {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  readonly expiresIn: number;
}

/**
 * An access token for one user: `sub` is the userId, `roles` the user's roles, and `scope` carries the
 * roles too, because the gateway's JWT authorizer checks route scopes against the `scope` claim.
 */
export const issueAccessToken = async (
  userId: string,
  roles: readonly Role[],
  key: SigningKey,
  settings: TokenSettings,
): Promise<AccessToken> => {
  const accessToken = await new SignJWT({ roles, scope: roles.join(' ') })
    .setProtectedHeader({ alg: signingAlgorithm, kid: key.kid, typ: 'JWT' })
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(`${settings.ttlSeconds}s`)
    .setJti(randomUUID())
    .sign(key.privateKey);
  return { accessToken, tokenType: 'Bearer', expiresIn: settings.ttlSeconds };
};
