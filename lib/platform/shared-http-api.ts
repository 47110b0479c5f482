import {
  HttpApi,
  HttpAuthorizer,
  HttpAuthorizerType,
  type HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  type IHttpApi,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Validations } from 'aws-cdk-lib';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { adminScope, platformParameters } from './platform-contract';
import { type RouteThrottle, RouteThrottling } from './route-throttling';

/** Who may call a route: anyone, any signed-in user, or a signed-in admin. */
export type RouteAccess = 'public' | 'authenticated' | 'admin';

export interface RouteProps {
  readonly method: HttpMethod;
  readonly path: string;
  readonly handler: IFunction;
  readonly access: RouteAccess;
  /** A rate limit of the route's own, below the stage's; every throttled route of a stack shares one. */
  readonly throttle?: RouteThrottle;
}

/**
 * The platform's HTTP API seen from a service stack: looked up through SSM parameters so the service
 * deploys on its own. Every route is authenticated unless it says `public`.
 */
export class SharedHttpApi extends Construct {
  private imported?: { httpApi: IHttpApi; jwtAuthorizer: IHttpRouteAuthorizer };
  private throttling?: { throttle: RouteThrottle; routes: RouteThrottling };

  /** The API's base URL: the token issuer too. */
  get url(): string {
    return StringParameter.valueForStringParameter(this, platformParameters.httpApiUrl);
  }

  addRoute(props: RouteProps): HttpRoute {
    const { httpApi, jwtAuthorizer } = this.importPlatform();
    const id = `${props.method}${props.path}`.replace(/[^A-Za-z0-9]/g, '');
    const route = new HttpRoute(this, id, {
      httpApi,
      routeKey: HttpRouteKey.with(props.path, props.method),
      integration: new HttpLambdaIntegration(`${id}Integration`, props.handler),
      authorizer: props.access === 'public' ? new HttpNoneAuthorizer() : jwtAuthorizer,
      authorizationScopes: props.access === 'admin' ? [adminScope] : undefined,
    });
    if (props.throttle) this.throttle(route, `${props.method} ${props.path}`, props.throttle);
    if (props.access === 'public') {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: 'Public by design: a caller needs it before having a token (sign-up, login, token verification keys).',
      });
    }
    return route;
  }

  private throttle(route: HttpRoute, routeKey: string, throttle: RouteThrottle) {
    this.throttling ??= { throttle, routes: new RouteThrottling(this, 'RouteThrottling', { apiId: this.importPlatform().httpApi.apiId, throttle }) };
    const { rateLimit, burstLimit } = this.throttling.throttle;
    if (throttle.rateLimit !== rateLimit || throttle.burstLimit !== burstLimit) {
      throw new Error(`${routeKey}: every throttled route of a stack shares one limit (${rateLimit}/s, burst ${burstLimit})`);
    }
    this.throttling.routes.add(route, routeKey);
  }

  /** Looked up on first use, so a service without routes reads no platform parameter. */
  private importPlatform() {
    return (this.imported ??= {
      // Routes need the API's id only; reading its URL here would leave an unused template parameter.
      httpApi: HttpApi.fromHttpApiAttributes(this, 'HttpApi', {
        httpApiId: StringParameter.valueForStringParameter(this, platformParameters.httpApiId),
      }),
      jwtAuthorizer: HttpAuthorizer.fromHttpAuthorizerAttributes(this, 'JwtAuthorizer', {
        authorizerId: StringParameter.valueForStringParameter(this, platformParameters.jwtAuthorizerId),
        authorizerType: HttpAuthorizerType.JWT,
      }),
    });
  }
}
