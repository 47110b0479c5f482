import type { RestAuthorizerSpec } from '../assembly/app-model';
import { evaluatePolicy, statementsOf } from './authorizer-policy';
import { restGatewayResponses } from './gateway-responses';
import type { GatewayRequest } from './http-request';
import { authorizerSourceArn, type InvokePermission } from './invoke-permission';
import type { Invoker } from './invoker';
import type { restRequestParts } from './payload-v1';
import type { HttpResponse } from './payload-v2';
import { AuthorizerCache } from './authorizer-cache';

type RequestParts = ReturnType<typeof restRequestParts>;

export type RestAuthorization =
  /** `context`: what the integration finds at `requestContext.authorizer`. */
  | { readonly authorized: true; readonly context: Record<string, unknown> }
  | { readonly authorized: false; readonly response: HttpResponse; readonly reason: string };

interface AuthorizerOutput {
  readonly principalId: string;
  readonly policyDocument: unknown;
  readonly context: Record<string, string>;
}

const refuse = (response: HttpResponse, reason: string): RestAuthorization => ({ authorized: false, response, reason });

/**
 * The value of an identity source (`method.request.header.Authorization`, `method.request.querystring.key`,
 * `stageVariables.name`, `context.path`), or undefined when the request lacks it or it is empty.
 */
const identityValue = (source: string, request: GatewayRequest, parts: RequestParts): string | undefined => {
  const [, kind = '', name = ''] = /^(method\.request\.header|method\.request\.querystring|method\.request\.multivaluequerystring|stageVariables|context)\.(.+)$/.exec(source) ?? [];
  const value =
    kind === 'method.request.header' ? request.headers[name.toLowerCase()]
    : kind === 'method.request.querystring' ? parts.queryStringParameters?.[name]
    : kind === 'method.request.multivaluequerystring' ? parts.multiValueQueryStringParameters?.[name]?.join(',')
    : kind === 'stageVariables' ? parts.stageVariables?.[name]
    : kind === 'context' ? name.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], parts.requestContext)
    : undefined;
  return value === undefined || value === null || value === '' ? undefined : String(value);
};

/**
 * What API Gateway accepts from a Lambda authorizer: a `principalId` and a policy document, and a
 * `context` of strings, numbers and booleans, which it passes on as strings. Anything else is a
 * configuration error (500).
 */
const outputOf = (payload: unknown): AuthorizerOutput | undefined => {
  const output = payload as { principalId?: unknown; policyDocument?: unknown; context?: unknown } | null;
  if (!output || typeof output !== 'object' || output.principalId === undefined || !output.policyDocument) return undefined;
  const context: Record<string, string> = {};
  for (const [key, value] of Object.entries((output.context ?? {}) as Record<string, unknown>)) {
    if (value !== null && typeof value === 'object') return undefined;
    context[key] = String(value);
  }
  return { principalId: String(output.principalId), policyDocument: output.policyDocument, context };
};

/**
 * A REST API's Lambda authorizer, TOKEN or REQUEST: identity sources checked first (401 without calling
 * the function when one is missing, or when a token fails the validation expression), the function's
 * policy cached by identity for the TTL and evaluated for each method, an `Unauthorized` error as 401,
 * any other failure as 500.
 */
export class RestLambdaAuthorizer {
  private readonly cache = new AuthorizerCache<AuthorizerOutput>();

  constructor(
    private readonly invoker: Invoker,
    private readonly mayInvoke: InvokePermission,
  ) {}

  async authorize(spec: RestAuthorizerSpec, request: GatewayRequest, parts: RequestParts, methodArn: string): Promise<RestAuthorization> {
    const identities = spec.identitySource.map((source) => identityValue(source, request, parts));
    const token = identities[0];
    if (spec.type === 'TOKEN') {
      if (token === undefined) return refuse(restGatewayResponses.unauthorized(), `no token in ${spec.identitySource[0]}`);
      if (spec.validationExpression && !new RegExp(`^(?:${spec.validationExpression})$`).test(token)) {
        return refuse(restGatewayResponses.unauthorized(), 'the token does not match the validation expression');
      }
    } else if (spec.resultTtlSeconds > 0 && identities.includes(undefined)) {
      // With caching on, the identity sources are the cache key, and API Gateway requires them all.
      return refuse(restGatewayResponses.unauthorized(), `missing identity source ${spec.identitySource[identities.indexOf(undefined)]}`);
    }

    let output = this.cache.get(spec.id, identities);
    const started = Date.now();
    if (!output) {
      const permission = { functionArn: spec.functionArn, sourceArn: authorizerSourceArn(methodArn, spec.id), credentialsArn: spec.credentialsArn, what: `authorizer ${spec.name}` };
      if (!(await this.mayInvoke(permission))) return refuse(restGatewayResponses.authorizerConfigurationError(), `API Gateway may not invoke the authorizer ${spec.functionArn} (IAM's log line says why)`);
      const event = spec.type === 'TOKEN' ? { type: 'TOKEN', authorizationToken: token, methodArn } : { type: 'REQUEST', methodArn, ...parts };
      const { outcome } = await this.invoker.invoke(spec.functionArn, event);
      if (!outcome.ok) {
        return outcome.error.errorMessage === 'Unauthorized'
          ? refuse(restGatewayResponses.unauthorized(), 'the authorizer answered Unauthorized')
          : refuse(restGatewayResponses.authorizerConfigurationError(), `authorizer error ${outcome.error.errorType}: ${outcome.error.errorMessage}`);
      }
      output = outputOf(outcome.payload);
      if (!output) return refuse(restGatewayResponses.authorizerConfigurationError(), 'the authorizer did not answer a principalId and a policy document');
      this.cache.set(spec.id, identities, output, spec.resultTtlSeconds);
    }

    const decision = evaluatePolicy(statementsOf(output.policyDocument), methodArn);
    if (decision !== 'allow') return refuse(restGatewayResponses.accessDenied(decision === 'explicit-deny'), `the authorizer's policy does not allow ${methodArn}`);
    return { authorized: true, context: { ...output.context, principalId: output.principalId, integrationLatency: Date.now() - started } };
  }
}
