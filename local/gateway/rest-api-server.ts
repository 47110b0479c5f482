import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RestApiSpec, RestMethodSpec, RestResourceSpec } from '../assembly/app-model';
import { restGatewayResponses } from './gateway-responses';
import type { GatewayRequest } from './http-request';
import type { GatewayOptions } from './http-api-server';
import { LoopbackEndpoint } from './loopback-endpoint';
import { fromPayloadV1, payloadV1Event, type RestRequestInput, restRequestParts } from './payload-v1';
import { RestLambdaAuthorizer } from './rest-authorizer';
import { RouteTable } from './route-table';
import { type Handled, serveRequest, withDeadline } from './serving';

/** REST APIs take bodies up to 10 MB; Lambda takes events up to 6 MB. */
const maxBodyBytes = 10 * 1024 * 1024;
const maxEventBytes = 6 * 1024 * 1024;

interface RoutedResource {
  readonly routeKey: string;
  readonly resource: RestResourceSpec;
}

/** `/prod/notes/42` → stage `prod`, path `/notes/42`; `/prod` → path `/`. */
const splitStage = (rawPath: string) => {
  const [, stage = '', rest = ''] = /^\/([^/]*)(\/.*)?$/.exec(rawPath) ?? [];
  return { stage, path: rest || '/' };
};

/** The method for the request's HTTP method on the resource, or its `ANY` method. */
const methodFor = (resource: RestResourceSpec, httpMethod: string): RestMethodSpec | undefined =>
  resource.methods.find((method) => method.httpMethod === httpMethod) ?? resource.methods.find((method) => method.httpMethod === 'ANY');

/**
 * One REST API (API Gateway v1) on one local port, each stage under its own path prefix as on AWS
 * (`/prod/...`): resources matched literal first, then `{param}`, then `{proxy+}`; a resource or method
 * the API does not have is 403 `Missing Authentication Token`; Lambda authorizers; Lambda proxy
 * integrations with payload format 1.0 (502 when the function fails, 504 past the integration timeout);
 * MOCK integrations with static responses (the CDK's CORS preflights).
 */
export class RestApiServer extends LoopbackEndpoint<RestApiSpec> {
  private resources: RouteTable<RoutedResource>;
  private readonly authorizer: RestLambdaAuthorizer;

  private constructor(
    spec: RestApiSpec,
    private readonly options: GatewayOptions,
  ) {
    super(spec);
    this.resources = RestApiServer.routeTable(spec);
    this.authorizer = new RestLambdaAuthorizer(options.invoker, options.mayInvoke);
  }

  static listen(spec: RestApiSpec, port: number, options: GatewayOptions): Promise<RestApiServer> {
    return new RestApiServer(spec, options).open(port);
  }

  private static routeTable(spec: RestApiSpec) {
    return new RouteTable(spec.resources.map((resource) => ({ routeKey: `ANY ${resource.path}`, resource })));
  }

  override update(spec: RestApiSpec): void {
    super.update(spec);
    this.resources = RestApiServer.routeTable(spec);
  }

  protected serve(message: IncomingMessage, out: ServerResponse) {
    const requestId = randomUUID();
    return serveRequest(message, out, {
      requestId,
      maxBodyBytes,
      tooLarge: restGatewayResponses.requestTooLarge,
      failure: restGatewayResponses.integrationFailure,
      headers: { 'x-amzn-requestid': requestId },
      handle: (request) => this.handle(request),
      onAccess: (entry) => this.options.onAccess(this.spec, entry),
    });
  }

  private async handle(request: GatewayRequest): Promise<Handled> {
    const { stage: stageName, path } = splitStage(request.rawPath);
    const stage = this.spec.stages.find((candidate) => candidate.name === stageName);
    if (!stage) return { response: restGatewayResponses.forbidden(), reason: `no stage ${stageName}` };
    const match = this.resources.match('ANY', path);
    const method = match && methodFor(match.route.resource, request.method);
    if (!match || !method) return { response: restGatewayResponses.missingAuthenticationToken(), reason: `no method ${request.method} ${path}` };
    const resourcePath = match.route.resource.path;
    const routeKey = `${method.httpMethod} ${resourcePath}`;

    const input: RestRequestInput = {
      accountId: this.options.accountId,
      apiId: this.spec.apiId,
      stage: stage.name,
      stageVariables: stage.variables,
      path,
      resourcePath,
      resourceId: match.route.resource.id,
      pathParameters: match.pathParameters,
    };
    let authorizerContext: Record<string, unknown> | undefined;
    // `arn:aws:execute-api:<region>:<account>:<api id>/<stage>/<METHOD>`: the method ARN and the source ARN of an invocation, without the path.
    const stageMethodArn = `arn:aws:execute-api:${this.options.region}:${this.options.accountId}:${this.spec.apiId}/${stage.name}/${request.method}`;
    if (method.authorizer) {
      const methodArn = `${stageMethodArn}${path}`;
      const authorization = await this.authorizer.authorize(method.authorizer, request, restRequestParts(request, input), methodArn);
      if (!authorization.authorized) return { response: authorization.response, routeKey, reason: authorization.reason };
      authorizerContext = authorization.context;
    }

    const { integration } = method;
    if (integration.type === 'MOCK') {
      return { response: { statusCode: integration.statusCode, headers: { 'content-type': 'application/json', ...integration.headers }, body: Buffer.alloc(0) }, routeKey };
    }
    const { functionArn, credentialsArn } = integration;
    if (!(await this.options.mayInvoke({ functionArn, sourceArn: `${stageMethodArn}${resourcePath}`, credentialsArn, what: `${this.spec.name} ${routeKey}` }))) {
      return { response: restGatewayResponses.internalServerError(), routeKey, reason: `API Gateway may not invoke ${functionArn} (IAM's log line says why)` };
    }
    const event = payloadV1Event(request, { ...input, authorizer: authorizerContext }, this.spec.binaryMediaTypes);
    if (Buffer.byteLength(JSON.stringify(event)) > maxEventBytes) return { response: restGatewayResponses.requestTooLarge(), routeKey };
    const result = await withDeadline(this.options.invoker.invoke(functionArn, event), integration.timeoutMs);
    if (result === 'timeout') {
      return { response: restGatewayResponses.integrationTimeout(), routeKey, reason: `integration timed out after ${integration.timeoutMs} ms` };
    }
    if (!result.outcome.ok) {
      const { errorType, errorMessage } = result.outcome.error;
      return { response: restGatewayResponses.integrationFailure(), routeKey, reason: `function error ${errorType}: ${errorMessage}` };
    }
    const response = fromPayloadV1(result.outcome.payload, this.spec.binaryMediaTypes, request.headers.accept);
    if (!response) return { response: restGatewayResponses.integrationFailure(), routeKey, reason: 'malformed Lambda proxy response' };
    return { response, routeKey };
  }
}
