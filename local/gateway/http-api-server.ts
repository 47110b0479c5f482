import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpApiSpec, RouteSpec } from '../assembly/app-model';
import { withCors } from './cors';
import { internalServerError, notFound, payloadTooLarge, serviceUnavailable, unauthorized } from './gateway-responses';
import type { GatewayRequest } from './http-request';
import { identitySourceValue } from './identity-source';
import type { InvokePermission } from './invoke-permission';
import type { Invoker } from './invoker';
import { type AuthorizationResult, DiscoveryError, JwtAuthorizer } from './jwt-authorizer';
import { LambdaAuthorizer } from './lambda-authorizer';
import { LoopbackEndpoint } from './loopback-endpoint';
import { fromPayloadV2, gatewayRequestId, payloadV2Event, requestContext } from './payload-v2';
import { RouteTable } from './route-table';
import { type AccessLogEntry, type Handled, serveRequest, withDeadline } from './serving';

/** HTTP APIs take bodies up to 10 MB; Lambda takes events up to 6 MB. */
const maxBodyBytes = 10 * 1024 * 1024;
const maxEventBytes = 6 * 1024 * 1024;


export interface GatewayOptions {
  readonly region: string;
  readonly accountId: string;
  readonly invoker: Invoker;
  /** Whether API Gateway may invoke a function (its permission for the API, or the integration's role). */
  readonly mayInvoke: InvokePermission;
  readonly onAccess: (api: { readonly name: string }, entry: AccessLogEntry) => void;
}

/**
 * One HTTP API on one local port, with API Gateway's behaviour: CORS preflights, route matching, the
 * route's authorizer, the payload format 2.0 Lambda proxy integration with its timeout, and the
 * gateway's own error responses.
 */
export class HttpApiServer extends LoopbackEndpoint<HttpApiSpec> {
  private routes: RouteTable<RouteSpec>;
  private readonly jwt = new JwtAuthorizer();
  private readonly lambdaAuthorizer: LambdaAuthorizer;

  private constructor(
    spec: HttpApiSpec,
    private readonly options: GatewayOptions,
  ) {
    super(spec);
    this.routes = new RouteTable(spec.routes);
    this.lambdaAuthorizer = new LambdaAuthorizer(options.invoker, options.mayInvoke);
  }

  static listen(spec: HttpApiSpec, port: number, options: GatewayOptions): Promise<HttpApiServer> {
    return new HttpApiServer(spec, options).open(port);
  }

  override update(spec: HttpApiSpec): void {
    super.update(spec);
    this.routes = new RouteTable(spec.routes);
  }

  protected serve(message: IncomingMessage, out: ServerResponse) {
    const requestId = gatewayRequestId();
    return serveRequest(message, out, {
      requestId,
      maxBodyBytes,
      tooLarge: payloadTooLarge,
      failure: internalServerError,
      headers: { 'apigw-requestid': requestId },
      handle: withCors(this.spec.cors, (request) => this.handle(request)),
      onAccess: (entry) => this.options.onAccess(this.spec, entry),
    });
  }

  private async handle(request: GatewayRequest): Promise<Handled> {
    const match = this.routes.match(request.method, request.rawPath);
    if (!match) return { response: notFound() };
    const { route } = match;
    const contextInput = { accountId: this.options.accountId, apiId: this.spec.apiId, routeKey: route.routeKey, pathParameters: match.pathParameters };

    let authorization: AuthorizationResult | undefined;
    try {
      authorization = await this.authorize(route, request, contextInput);
    } catch (error) {
      if (!(error instanceof DiscoveryError)) throw error;
      return { response: unauthorized(), routeKey: route.routeKey, reason: error.message };
    }
    if (authorization && !authorization.authorized) {
      return { response: authorization.response, routeKey: route.routeKey, reason: authorization.response.headers['www-authenticate'] as string | undefined };
    }
    if (!route.integration) return { response: internalServerError(), routeKey: route.routeKey, reason: 'the route has no integration that runs locally' };

    const { functionArn, credentialsArn } = route.integration;
    const routePath = route.routeKey === '$default' ? request.rawPath : route.routeKey.split(' ')[1];
    const sourceArn = `${this.executeApiArn()}/$default/${request.method}${routePath}`;
    if (!(await this.options.mayInvoke({ functionArn, sourceArn, credentialsArn, what: `${this.spec.name} ${route.routeKey}` }))) {
      return { response: internalServerError(), routeKey: route.routeKey, reason: `API Gateway may not invoke ${functionArn} (IAM's log line says why)` };
    }

    const event = payloadV2Event(request, { ...contextInput, authorizer: authorization?.authorizer });
    if (Buffer.byteLength(JSON.stringify(event)) > maxEventBytes) return { response: payloadTooLarge(), routeKey: route.routeKey };
    const result = await withDeadline(this.options.invoker.invoke(functionArn, event), route.integration.timeoutMs);
    if (result === 'timeout') {
      return { response: serviceUnavailable(), routeKey: route.routeKey, reason: `integration timed out after ${route.integration.timeoutMs} ms` };
    }
    if (!result.outcome.ok) {
      const { errorType, errorMessage } = result.outcome.error;
      return { response: internalServerError(), routeKey: route.routeKey, reason: `function error ${errorType}: ${errorMessage}` };
    }
    const response = fromPayloadV2(result.outcome.payload);
    if (!response) return { response: internalServerError(), routeKey: route.routeKey, reason: 'malformed Lambda proxy response' };
    return { response, routeKey: route.routeKey };
  }

  /** `arn:aws:execute-api:<region>:<account>:<api id>`: what API Gateway's ARNs for this API start with. */
  private executeApiArn() {
    return `arn:aws:execute-api:${this.options.region}:${this.options.accountId}:${this.spec.apiId}`;
  }

  private async authorize(route: RouteSpec, request: GatewayRequest, contextInput: Parameters<typeof payloadV2Event>[1]) {
    const authorizer = route.authorizer;
    if (!authorizer) return undefined;
    const context = requestContext(request, contextInput) as unknown as Record<string, unknown>;
    const identities = authorizer.identitySource.map((source) => identitySourceValue(source, request, context));
    if (authorizer.type === 'JWT') return this.jwt.authorize(authorizer, identities[0], route.authorizationScopes);
    const [method, path = request.rawPath] = route.routeKey === '$default' ? [request.method] : route.routeKey.split(' ');
    const routeArn = `${this.executeApiArn()}/$default/${method}${path}`;
    const event = payloadV2Event(request, contextInput) as unknown as Record<string, unknown>;
    return this.lambdaAuthorizer.authorize(authorizer, identities, event, routeArn);
  }
}
