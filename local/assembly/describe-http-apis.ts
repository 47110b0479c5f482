import type { AuthorizerSpec, CorsSpec, HttpApiSpec, IntegrationSpec, RouteSpec } from './app-model';
import { type TemplateResolver, UnresolvableError } from './intrinsics';
import { describeOrWarn, type FoundResource, isTrue, optionalNumber, resourcesOfType, stringList } from './template-resources';

/** HTTP APIs allow at most 30 s, which is also the default. */
const maxIntegrationTimeoutMs = 30_000;

/** `arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations`, or the function ARN itself. */
export const functionArnOf = (uri: string): string =>
  /:lambda:path\/[^/]+\/functions\/(.+)\/invocations$/.exec(uri)?.[1] ?? uri;

/** An HTTP API's `CorsConfiguration`, or a function URL's `Cors`: the same settings. */
export const describeCors = (cors: Record<string, unknown> | undefined): CorsSpec | undefined => {
  if (!cors) return undefined;
  return {
    allowOrigins: stringList(cors.AllowOrigins),
    allowMethods: stringList(cors.AllowMethods),
    allowHeaders: stringList(cors.AllowHeaders),
    exposeHeaders: stringList(cors.ExposeHeaders),
    allowCredentials: isTrue(cors.AllowCredentials),
    maxAge: optionalNumber(cors.MaxAge),
  };
};

const describeAuthorizer = (authorizer: FoundResource): AuthorizerSpec => {
  const type = String(authorizer.property('AuthorizerType'));
  const name = String(authorizer.property('Name') ?? authorizer.logicalId);
  const identitySource = stringList(authorizer.property('IdentitySource'));
  if (type === 'JWT') {
    const jwt = authorizer.property('JwtConfiguration') as { Issuer?: string; Audience?: unknown };
    return { type, name, identitySource, issuer: String(jwt.Issuer), audience: stringList(jwt.Audience) };
  }
  if (type === 'REQUEST') {
    if (String(authorizer.property('AuthorizerPayloadFormatVersion')) !== '2.0') {
      throw new UnresolvableError('Lambda authorizers run locally with payload format 2.0 only');
    }
    return {
      type,
      id: authorizer.ref(),
      name,
      identitySource,
      functionArn: functionArnOf(String(authorizer.property('AuthorizerUri'))),
      credentialsArn: authorizer.property('AuthorizerCredentialsArn') as string | undefined,
      simpleResponses: isTrue(authorizer.property('EnableSimpleResponses')),
      resultTtlSeconds: optionalNumber(authorizer.property('AuthorizerResultTtlInSeconds')) ?? 300,
    };
  }
  throw new UnresolvableError(`authorizer type ${type} is not emulated`);
};

const describeIntegration = (integration: FoundResource): IntegrationSpec => {
  const type = String(integration.property('IntegrationType'));
  if (type !== 'AWS_PROXY' || integration.property('IntegrationSubtype') !== undefined) {
    throw new UnresolvableError(`integration type ${type} is not emulated; only Lambda proxy integrations are`);
  }
  const payloadFormatVersion = String(integration.property('PayloadFormatVersion') ?? '1.0');
  if (payloadFormatVersion !== '2.0') throw new UnresolvableError('Lambda proxy integrations run locally with payload format 2.0 only');
  return {
    functionArn: functionArnOf(String(integration.property('IntegrationUri'))),
    credentialsArn: integration.property('CredentialsArn') as string | undefined,
    payloadFormatVersion,
    timeoutMs: Math.min(optionalNumber(integration.property('TimeoutInMillis')) ?? maxIntegrationTimeoutMs, maxIntegrationTimeoutMs),
  };
};

const byRef = (resources: FoundResource[], warnings: string[]) => {
  const map = new Map<string, FoundResource>();
  for (const resource of resources) {
    const ref = describeOrWarn(warnings, resource.displayName, () => resource.ref());
    if (ref !== undefined) map.set(ref, resource);
  }
  return map;
};

export const describeHttpApis = (resolver: TemplateResolver, warnings: string[]): HttpApiSpec[] => {
  const integrations = byRef(resourcesOfType(resolver, 'AWS::ApiGatewayV2::Integration'), warnings);
  const authorizers = byRef(resourcesOfType(resolver, 'AWS::ApiGatewayV2::Authorizer'), warnings);
  const routes = resourcesOfType(resolver, 'AWS::ApiGatewayV2::Route');
  const apis = resourcesOfType(resolver, 'AWS::ApiGatewayV2::Api').filter((api) => {
    if (api.property('ProtocolType') === 'HTTP') return true;
    warnings.push(`${api.displayName}: ${String(api.property('ProtocolType'))} APIs are not emulated`);
    return false;
  });

  const describeRoute = (route: FoundResource): RouteSpec => {
    const authorizationType = String(route.property('AuthorizationType') ?? 'NONE');
    if (authorizationType === 'AWS_IAM') throw new UnresolvableError('IAM authorization is not enforced locally, so the route is not served');
    const authorizerId = route.property('AuthorizerId');
    const authorizer = authorizerId === undefined ? undefined : authorizers.get(String(authorizerId));
    if (authorizationType !== 'NONE' && !authorizer) throw new UnresolvableError(`its authorizer ${String(authorizerId)} is not in this app`);
    const target = String(route.property('Target') ?? '');
    const integration = integrations.get(target.replace(/^integrations\//, ''));
    return {
      routeKey: String(route.property('RouteKey')),
      authorizer: authorizer && describeAuthorizer(authorizer),
      authorizationScopes: stringList(route.property('AuthorizationScopes')),
      integration: describeOrWarn(warnings, `${route.displayName} (${String(route.property('RouteKey'))})`, () => {
        if (!integration) throw new UnresolvableError(`its target ${target || '(none)'} is not an integration of this app`);
        return describeIntegration(integration);
      }),
    };
  };

  return apis.map((api) => {
    const apiId = api.ref();
    return {
      key: api.key,
      name: String(api.property('Name') ?? api.logicalId),
      apiId,
      url: api.attribute('ApiEndpoint'),
      cors: describeCors(api.property('CorsConfiguration') as Record<string, unknown> | undefined),
      routes: routes
        .filter((route) => describeOrWarn(warnings, route.displayName, () => String(route.property('ApiId'))) === apiId)
        .map((route) => describeOrWarn(warnings, `${route.displayName} is not served`, () => describeRoute(route)))
        .filter((route): route is RouteSpec => route !== undefined),
    };
  });
};
