import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnAuthorizer, CorsHttpMethod, HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { AlarmTopic } from '../observability/alarm-topic';
import { apiStageName, platformParameters, stageRouteDefaults, tokenAudience } from './platform-contract';

export interface PlatformStackProps extends StackProps {
  /** Origins allowed to call the API from a browser. */
  readonly corsAllowOrigins: string[];
  /** Addresses that get every alarm by email. */
  readonly alarmEmails: string[];
}

/**
 * What every service shares: one HTTP API, its access log, throttling and per-route metrics, a JWT
 * authorizer that trusts tokens issued by the User service, and the topic every alarm notifies. The
 * issuer is the API's own URL, because the User service serves the discovery document and the JWKS on
 * this API.
 */
export class PlatformStack extends Stack {
  readonly httpApi: HttpApi;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);

    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: 'shop',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: props.corsAllowOrigins,
        allowMethods: [CorsHttpMethod.ANY],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-correlation-id'],
        exposeHeaders: ['x-correlation-id'],
      },
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: apiStageName,
      autoDeploy: true,
      // Per-route requests, errors and latency: what the service dashboards and route alarms watch.
      detailedMetricsEnabled: stageRouteDefaults.detailedMetricsEnabled,
      throttle: stageRouteDefaults.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.jsonWithStandardFields(),
      },
    });

    const issuer = this.httpApi.apiEndpoint;
    const jwtAuthorizer = new CfnAuthorizer(this, 'JwtAuthorizer', {
      apiId: this.httpApi.apiId,
      name: 'user-service-jwt',
      authorizerType: 'JWT',
      identitySource: ['$request.header.Authorization'],
      jwtConfiguration: { issuer, audience: [tokenAudience] },
    });

    new AlarmTopic(this, 'Alarms', { emails: props.alarmEmails });

    new CfnOutput(this, 'ApiUrl', { value: issuer, description: 'Base URL of the shop API (also the token issuer)' });

    new StringParameter(this, 'HttpApiIdParameter', {
      parameterName: platformParameters.httpApiId,
      stringValue: this.httpApi.apiId,
    });
    new StringParameter(this, 'HttpApiUrlParameter', {
      parameterName: platformParameters.httpApiUrl,
      stringValue: issuer,
    });
    new StringParameter(this, 'JwtAuthorizerIdParameter', {
      parameterName: platformParameters.jwtAuthorizerId,
      stringValue: jwtAuthorizer.ref,
    });
  }
}
