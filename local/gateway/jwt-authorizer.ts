import { createRemoteJWKSet, decodeProtectedHeader, errors, type JWTPayload, jwtVerify } from 'jose';
import type { AuthorizerSpec } from '../assembly/app-model';
import { forbidden, unauthorized } from './gateway-responses';
import type { HttpResponse } from './payload-v2';

type JwtAuthorizerSpec = Extract<AuthorizerSpec, { type: 'JWT' }>;

/** HTTP API JWT authorizers verify RSA signatures only (API Gateway developer guide, "JWT authorizers"). */
export const jwtAlgorithms = ['RS256', 'RS384', 'RS512'];

export type AuthorizationResult =
  | { readonly authorized: true; readonly authorizer: Record<string, unknown> }
  | { readonly authorized: false; readonly response: HttpResponse };

/** Claim values as API Gateway passes them on: strings, with lists and maps in Go's print format (`[a b]`). */
const claimString = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(claimString).join(' ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `map[${entries.map(([key, item]) => `${key}:${claimString(item)}`).join(' ')}]`;
  }
  return String(value);
};

const tokenScopes = (claims: JWTPayload): string[] => {
  const scopes = claims.scope ?? claims.scp;
  if (Array.isArray(scopes)) return scopes.map(String);
  return typeof scopes === 'string' ? scopes.split(' ').filter(Boolean) : [];
};

const invalidToken = (description: string) =>
  unauthorized(`Bearer scope="" error="invalid_token" error_description="${description}"`);

const algorithmOf = (token: string) => {
  try {
    return decodeProtectedHeader(token).alg;
  } catch {
    return undefined;
  }
};

const describeFailure = (error: errors.JOSEError, token: string): string => {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JOSEAlgNotAllowed) return `signing method ${algorithmOf(token)} is invalid`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'token signature is invalid';
  if (error instanceof errors.JWKSNoMatchingKey) return 'the token was not signed by a key of the issuer';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'the token does not have a valid issuer';
    if (error.claim === 'nbf') return 'the token is not valid yet';
    return `the token has an invalid ${error.claim} claim`;
  }
  return 'the token is malformed';
};

/**
 * API Gateway's JWT authorizer: takes the token from the identity source (with or without `Bearer `),
 * finds the issuer's keys through its OpenID discovery document, verifies signature, `iss`, `aud` (or
 * `client_id`), `exp`, `nbf` and `iat`, then the route's scopes against `scope`/`scp`.
 */
export class JwtAuthorizer {
  private readonly keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  private readonly verified = new VerifiedTokens();

  async authorize(spec: JwtAuthorizerSpec, identity: string | undefined, routeScopes: readonly string[]): Promise<AuthorizationResult> {
    if (!identity) return { authorized: false, response: unauthorized() };
    const token = identity.replace(/^Bearer\s+/i, '');
    let claims: JWTPayload;
    try {
      claims =
        this.verified.get(spec.issuer, token) ??
        this.verified.add(spec.issuer, token, (await jwtVerify(token, await this.keySet(spec.issuer), { issuer: spec.issuer, algorithms: jwtAlgorithms })).payload);
    } catch (error) {
      const keysUnavailable = error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid;
      if (!(error instanceof errors.JOSEError) || keysUnavailable) {
        throw error instanceof DiscoveryError ? error : new DiscoveryError(`Could not fetch the issuer's keys: ${String(error)}`);
      }
      return { authorized: false, response: invalidToken(describeFailure(error, token)) };
    }
    const audiences = claims.aud === undefined ? [claims.client_id] : [claims.aud].flat();
    if (!audiences.some((audience) => typeof audience === 'string' && spec.audience.includes(audience))) {
      return { authorized: false, response: invalidToken('the token does not have a valid audience') };
    }
    if (typeof claims.iat === 'number' && claims.iat > Date.now() / 1000) {
      return { authorized: false, response: invalidToken('the token was issued in the future') };
    }
    const scopes = tokenScopes(claims);
    if (routeScopes.length > 0 && !routeScopes.some((scope) => scopes.includes(scope))) {
      const expected = `expected scopes: [${routeScopes.join(' ')}]`;
      return { authorized: false, response: forbidden(`Bearer scope="${routeScopes.join(' ')}" error="insufficient_scope" error_description="${expected}"`) };
    }
    return {
      authorized: true,
      authorizer: {
        jwt: {
          claims: Object.fromEntries(Object.entries(claims).map(([name, value]) => [name, claimString(value)])),
          scopes: routeScopes.length > 0 ? scopes : null,
        },
      },
    };
  }

  /** The issuer's key set, found through its discovery document; kept once found, refetched for an unknown `kid`. */
  private async keySet(issuer: string) {
    let keySet = this.keySets.get(issuer);
    if (!keySet) {
      const discoveryUrl = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
      let jwksUri: unknown;
      try {
        const response = await fetch(discoveryUrl);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        jwksUri = ((await response.json()) as { jwks_uri?: unknown }).jwks_uri;
      } catch (error) {
        throw new DiscoveryError(`Could not read the issuer's discovery document ${discoveryUrl}: ${String(error)}`);
      }
      if (typeof jwksUri !== 'string') throw new DiscoveryError(`${discoveryUrl} names no jwks_uri`);
      keySet = createRemoteJWKSet(new URL(jwksUri));
      this.keySets.set(issuer, keySet);
    }
    return keySet;
  }
}

/**
 * Tokens whose signature, issuer and times were verified, for a minute at most and never past their
 * `exp`: a client sends the same token again and again, and verifying an RSA signature each time
 * was the gateway's largest cost. Audience and scopes are still checked on every request.
 */
class VerifiedTokens {
  private readonly entries = new Map<string, { claims: JWTPayload; until: number }>();
  private static readonly maxAgeMs = 60_000;
  private static readonly maxEntries = 10_000;

  get(issuer: string, token: string): JWTPayload | undefined {
    const entry = this.entries.get(`${issuer} ${token}`);
    if (entry && Date.now() < entry.until) return entry.claims;
    return undefined;
  }

  add(issuer: string, token: string, claims: JWTPayload): JWTPayload {
    if (this.entries.size >= VerifiedTokens.maxEntries) this.entries.clear();
    const expires = typeof claims.exp === 'number' ? claims.exp * 1000 : Infinity;
    this.entries.set(`${issuer} ${token}`, { claims, until: Math.min(expires, Date.now() + VerifiedTokens.maxAgeMs) });
    return claims;
  }
}

/** The issuer could not be asked for its keys: the gateway logs why and answers 401. */
export class DiscoveryError extends Error {}
