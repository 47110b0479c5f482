import type { RestApiSpec, RestAuthorizerSpec, RestIntegrationSpec, RestMethodSpec, RestResourceSpec } from './app-model';
import { functionArnOf } from './describe-http-apis';
import { type TemplateResolver, UnresolvableError } from './intrinsics';
import { describeOrWarn, type FoundResource, isTrue, optionalNumber, resourcesOfType, stringList } from './template-resources';

/** REST APIs wait 29 s for an integration unless told otherwise. */
const defaultIntegrationTimeoutMs = 29_000;

const describeAuthorizer = (authorizer: FoundResource): RestAuthorizerSpec => {
  const type = String(authorizer.property('Type'));
  if (type !== 'TOKEN' && type !== 'REQUEST') throw new UnresolvableError(`${type} authorizers are not emulated; Lambda (TOKEN and REQUEST) authorizers are`);
  const identitySource = authorizer.property('IdentitySource');
  return {
    type,
    id: authorizer.ref(),
    name: String(authorizer.property('Name') ?? authorizer.logicalId),
    functionArn: functionArnOf(String(authorizer.property('AuthorizerUri'))),
    credentialsArn: authorizer.property('AuthorizerCredentials') as string | undefined,
    identitySource: identitySource === undefined ? [] : String(identitySource).split(',').map((source) => source.trim()).filter(Boolean),
    validationExpression: authorizer.property('IdentityValidationExpression') as string | undefined,
    resultTtlSeconds: optionalNumber(authorizer.property('AuthorizerResultTtlInSeconds')) ?? 300,
  };
};

/** `'literal'` in a MOCK integration's response parameters; anything else needs a mapping the runtime does not do. */
const literal = (value: unknown) => /^'(.*)'$/s.exec(String(value))?.[1];

const describeMockIntegration = (integration: Record<string, unknown>, warnings: string[], what: string): RestIntegrationSpec => {
  const responses = (integration.IntegrationResponses ?? []) as { StatusCode?: unknown; SelectionPattern?: unknown; ResponseParameters?: Record<string, unknown>; ResponseTemplates?: unknown }[];
  const response = responses.find((candidate) => !candidate.SelectionPattern) ?? responses[0];
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response?.ResponseParameters ?? {})) {
    const header = /^method\.response\.header\.(.+)$/.exec(name)?.[1];
    const text = literal(value);
    if (header && text !== undefined) headers[header.toLowerCase()] = text;
    else warnings.push(`${what}: the MOCK integration's ${name} (${String(value)}) is not a literal and is left out locally`);
  }
  if (response?.ResponseTemplates !== undefined) warnings.push(`${what}: mapping templates of MOCK integrations are not applied locally (the response has no body)`);
  return { type: 'MOCK', statusCode: Number(response?.StatusCode ?? 200), headers };
};

const describeIntegration = (method: FoundResource, warnings: string[], what: string): RestIntegrationSpec => {
  const integration = (method.property('Integration') ?? {}) as Record<string, unknown>;
  const type = String(integration.Type);
  if (type === 'MOCK') return describeMockIntegration(integration, warnings, what);
  if (type !== 'AWS_PROXY') throw new UnresolvableError(`integration type ${type} is not emulated; Lambda proxy (AWS_PROXY) and MOCK integrations are`);
  const functionArn = functionArnOf(String(integration.Uri));
  if (!functionArn.includes(':lambda:') && !functionArn.includes(':function:')) throw new UnresolvableError(`its integration ${functionArn} is not a Lambda function`);
  return {
    type,
    functionArn,
    timeoutMs: optionalNumber(integration.TimeoutInMillis) ?? defaultIntegrationTimeoutMs,
    credentialsArn: integration.Credentials === undefined ? undefined : String(integration.Credentials),
  };
};

/** `Stack/LogicalId` → FoundResource, by the id their `Ref` gives. */
const byRef = (resources: FoundResource[]) => new Map(resources.map((resource) => [resource.ref(), resource]));

/**
 * REST APIs (API Gateway v1) from their resources, methods, authorizers and stages. Every stage serves
 * the API's current methods (a CDK app redeploys them all together). A method that cannot run locally
 * is left out with a warning, so a request for it gets the answer an undefined method gets on AWS.
 */
export const describeRestApis = (resolver: TemplateResolver, localUrl: (key: string) => string, warnings: string[]): RestApiSpec[] => {
  const ofApi = (type: string, apiId: string) =>
    resourcesOfType(resolver, type).filter((resource) => describeOrWarn(warnings, resource.displayName, () => String(resource.property('RestApiId'))) === apiId);

  return resourcesOfType(resolver, 'AWS::ApiGateway::RestApi').flatMap((api) => {
    if (api.property('Body') !== undefined || api.property('BodyS3Location') !== undefined) {
      warnings.push(`${api.displayName}: REST APIs defined by an OpenAPI document are not emulated`);
      return [];
    }
    const apiId = api.ref();
    const root = api.attribute('RootResourceId');
    const pathParts = byRef(ofApi('AWS::ApiGateway::Resource', apiId));
    const pathOf = (resourceId: string): string => {
      if (resourceId === root) return '/';
      const resource = pathParts.get(resourceId);
      if (!resource) throw new UnresolvableError(`resource ${resourceId} is not part of ${api.displayName}`);
      const parent = pathOf(String(resource.property('ParentId')));
      return `${parent === '/' ? '' : parent}/${String(resource.property('PathPart'))}`;
    };
    const authorizers = byRef(ofApi('AWS::ApiGateway::Authorizer', apiId));

    const describeMethod = (method: FoundResource): RestMethodSpec => {
      const what = `${method.displayName} (${String(method.property('HttpMethod'))})`;
      const authorizationType = String(method.property('AuthorizationType') ?? 'NONE');
      if (isTrue(method.property('ApiKeyRequired'))) {
        throw new UnresolvableError('API keys and usage plans are not emulated, so a method that requires one is not served');
      }
      let authorizer: RestAuthorizerSpec | undefined;
      if (authorizationType === 'CUSTOM') {
        const found = authorizers.get(String(method.property('AuthorizerId')));
        if (!found) throw new UnresolvableError(`its authorizer ${String(method.property('AuthorizerId'))} is not in this app`);
        authorizer = describeAuthorizer(found);
      } else if (authorizationType !== 'NONE') {
        throw new UnresolvableError(`${authorizationType} authorization is not emulated, so the method is not served`);
      }
      return { httpMethod: String(method.property('HttpMethod')).toUpperCase(), authorizer, integration: describeIntegration(method, warnings, what) };
    };

    const resources = new Map<string, RestResourceSpec>();
    for (const method of ofApi('AWS::ApiGateway::Method', apiId)) {
      const described = describeOrWarn(warnings, `${method.displayName} is not served`, () => {
        const id = String(method.property('ResourceId'));
        return { id, path: pathOf(id), method: describeMethod(method) };
      });
      if (!described) continue;
      const resource = resources.get(described.path) ?? { id: described.id, path: described.path, methods: [] };
      resource.methods.push(described.method);
      resources.set(described.path, resource);
    }

    const stages = [
      ...ofApi('AWS::ApiGateway::Stage', apiId).map((stage) => ({
        name: String(stage.property('StageName')),
        variables: Object.fromEntries(Object.entries((stage.property('Variables') ?? {}) as Record<string, unknown>).map(([name, value]) => [name, String(value)])),
      })),
      ...ofApi('AWS::ApiGateway::Deployment', apiId)
        .filter((deployment) => deployment.property('StageName') !== undefined)
        .map((deployment) => ({ name: String(deployment.property('StageName')), variables: {} })),
    ];
    if (stages.length === 0) warnings.push(`${api.displayName}: the REST API has no stage, so nothing of it is served (a deployment to a stage is what makes it callable)`);
    return [
      {
        key: api.key,
        name: String(api.property('Name') ?? api.logicalId),
        apiId,
        url: localUrl(api.key),
        stages,
        binaryMediaTypes: stringList(api.property('BinaryMediaTypes')).map((type) => type.replace(/~1/g, '/')),
        resources: [...resources.values()],
      },
    ];
  });
};
