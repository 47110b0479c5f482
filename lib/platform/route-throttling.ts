import { join } from 'node:path';
import { Arn, ArnFormat, CustomResource, Lazy, Stack, Validations } from 'aws-cdk-lib';
import type { HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { RouteThrottlingProperties } from '../../functions/platform/route-settings';
import { ServiceFunction } from '../constructs/service-function';
import { apiStageName, stageRouteDefaults } from './platform-contract';

/** Requests per second a route takes, and how many at once beyond that. */
export interface RouteThrottle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export interface RouteThrottlingProps {
  readonly apiId: string;
  readonly throttle: RouteThrottle;
}

/**
 * Throttles some routes of the shared API at its stage, from the stack that owns them. The stage is
 * the platform's, created before any route exists, and API Gateway refuses settings for a route it
 * does not have yet: so this custom resource sets them once the routes exist (and removes them with
 * the stack). Beyond the limit, API Gateway answers 429 before any function runs.
 */
export class RouteThrottling extends Construct {
  private readonly routeKeys: string[] = [];
  private readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: RouteThrottlingProps) {
    super(scope, id);
    const applier = new ServiceFunction(this, 'Applier', {
      service: 'platform',
      entry: join(__dirname, '../../functions/platform/handlers/apply-route-throttling.ts'),
      description: "Sets route settings on the shared API's stage (a CloudFormation custom resource)",
    });
    const stageArn = (resourceName: string) =>
      Arn.format({ service: 'apigateway', account: '', resource: '/apis', resourceName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME }, Stack.of(this));
    const stage = stageArn(`${props.apiId}/stages/${apiStageName}`);
    const routeSettings = stageArn(`${props.apiId}/stages/${apiStageName}/routesettings/*`);
    applier.addToRolePolicy(new PolicyStatement({ actions: ['apigateway:GET', 'apigateway:PATCH'], resources: [stage] }));
    applier.addToRolePolicy(new PolicyStatement({ actions: ['apigateway:DELETE'], resources: [routeSettings] }));
    // On the policy that holds the statement, and for that resource only: any other wildcard still fails synth.
    Validations.of(applier.role!.node.findChild('DefaultPolicy')).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${this.asNagNamesIt(routeSettings)}]`,
      reason: "The route settings of this API's stage only: route keys (`POST /auth/login`) cannot be spelled in an ARN.",
    });
    const properties: RouteThrottlingProperties = {
      ApiId: props.apiId,
      StageName: apiStageName,
      RouteKeys: Lazy.list({ produce: () => this.routeKeys }),
      RateLimit: String(props.throttle.rateLimit),
      BurstLimit: String(props.throttle.burstLimit),
      DetailedMetricsEnabled: String(stageRouteDefaults.detailedMetricsEnabled),
    };
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: applier.functionArn,
      resourceType: 'Custom::RouteThrottling',
      properties: { ...properties },
    });
  }

  /** Throttles the route, once it exists. */
  add(route: HttpRoute, routeKey: string): void {
    this.routeKeys.push(routeKey);
    this.resource.node.addDependency(route);
  }

  /** A resource as cdk-nag spells it in a finding: references as `<LogicalId>` or `<AWS::Region>`. */
  private asNagNamesIt(value: string): string {
    const resolved = Stack.of(this).resolve(value) as string | { 'Fn::Join': [string, unknown[]] };
    if (typeof resolved === 'string') return resolved;
    const [separator, parts] = resolved['Fn::Join'];
    return parts.map((part) => (typeof part === 'string' ? part : `<${(part as { Ref: string }).Ref}>`)).join(separator);
  }
}
