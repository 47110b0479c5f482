import type { AuthorizerSpec } from '../assembly/app-model';
import { authorizerSourceArn, type InvokePermission } from './invoke-permission';
import type { Invoker } from './invoker';
import { forbidden, internalServerError, unauthorized } from './gateway-responses';
import { evaluatePolicy, statementsOf } from './authorizer-policy';
import type { AuthorizationResult } from './jwt-authorizer';
import { AuthorizerCache } from './authorizer-cache';

type LambdaAuthorizerSpec = Extract<AuthorizerSpec, { type: 'REQUEST' }>;

/**
 * An HTTP API Lambda authorizer (payload format 2.0): 401 when an identity source is missing, without
 * calling the function; simple or IAM policy responses; results cached by identity source for the TTL.
 */
interface AuthorizerResponse {
  isAuthorized?: unknown;
  context?: Record<string, unknown>;
  policyDocument?: unknown;
}

export class LambdaAuthorizer {
  /** The function's answers by identity; a cached IAM policy is still evaluated for each route. */
  private readonly cache = new AuthorizerCache<AuthorizerResponse>();

  constructor(
    private readonly invoker: Invoker,
    private readonly mayInvoke: InvokePermission,
  ) {}

  async authorize(
    spec: LambdaAuthorizerSpec,
    identities: (string | undefined)[],
    event: Record<string, unknown>,
    routeArn: string,
  ): Promise<AuthorizationResult> {
    if (identities.some((identity) => identity === undefined)) return { authorized: false, response: unauthorized() };
    let response = this.cache.get(spec.id, identities);
    if (!response) {
      const permission = { functionArn: spec.functionArn, sourceArn: authorizerSourceArn(routeArn, spec.id), credentialsArn: spec.credentialsArn, what: `authorizer ${spec.name}` };
      if (!(await this.mayInvoke(permission))) return { authorized: false, response: internalServerError() };
      const { outcome } = await this.invoker.invoke(spec.functionArn, { ...event, type: 'REQUEST', routeArn, identitySource: identities });
      if (!outcome.ok) return { authorized: false, response: internalServerError() };
      response = (outcome.payload ?? {}) as AuthorizerResponse;
      this.cache.set(spec.id, identities, response, spec.resultTtlSeconds);
    }
    const allowed = spec.simpleResponses ? response.isAuthorized === true : evaluatePolicy(statementsOf(response.policyDocument), routeArn) === 'allow';
    return allowed ? { authorized: true, authorizer: { lambda: response.context ?? null } } : { authorized: false, response: forbidden() };
  }
}
