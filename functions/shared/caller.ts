import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { forbidden, unauthorized } from './problem';

/** The signed-in user making a request, as the gateway's JWT authorizer verified them. */
export interface Caller {
  readonly userId: string;
  readonly roles: readonly string[];
}

type JwtClaims = Record<string, string | number | boolean | string[]>;

/**
 * API Gateway hands claims over as strings, and arrays in its own shape: `[admin customer]`.
 * Accept that shape and a real array, so the reader works whatever produced the event.
 */
const claimAsList = (claim: JwtClaims[string] | undefined): string[] => {
  if (claim === undefined) return [];
  if (Array.isArray(claim)) return claim.map(String);
  return String(claim).replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
};

/**
 * The caller, from the claims the gateway verified. Never from the body or the path. A route that
 * reaches here without verified claims is misconfigured, and the caller gets a 401 rather than data.
 */
export const callerOf = (event: APIGatewayProxyEventV2): Caller => {
  const authorizer = (event.requestContext as { authorizer?: { jwt?: { claims?: JwtClaims } } }).authorizer;
  const claims = authorizer?.jwt?.claims;
  const userId = claims?.sub;
  if (typeof userId !== 'string' || userId === '') throw unauthorized('A valid access token is required.');
  return { userId, roles: claimAsList(claims?.roles) };
};

export const isAdmin = (caller: Caller): boolean => caller.roles.includes('admin');

/**
 * The caller, who must be an admin. The gateway already demands the admin scope on admin routes; this
 * check keeps a misconfigured route from opening an admin operation to everyone.
 */
export const adminCallerOf = (event: APIGatewayProxyEventV2): Caller => {
  const caller = callerOf(event);
  if (!isAdmin(caller)) throw forbidden('This operation is for admins.');
  return caller;
};
