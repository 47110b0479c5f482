import type { RouteSettings } from '@aws-sdk/client-apigatewayv2';

/** The custom resource's properties, as CloudFormation hands them over (numbers and booleans as strings). */
export interface RouteThrottlingProperties {
  readonly ApiId: string;
  readonly StageName: string;
  readonly RouteKeys: string[];
  readonly RateLimit: string;
  readonly BurstLimit: string;
  /** A route's settings replace the stage's defaults entirely, so they repeat the stage's metrics setting. */
  readonly DetailedMetricsEnabled: string;
}

/** The stage's route settings with the throttled routes' settings set, every other route's kept. */
export const withThrottledRoutes = (existing: Record<string, RouteSettings>, properties: RouteThrottlingProperties): Record<string, RouteSettings> => ({
  ...existing,
  ...Object.fromEntries(
    properties.RouteKeys.map((routeKey) => [
      routeKey,
      {
        ThrottlingRateLimit: Number(properties.RateLimit),
        ThrottlingBurstLimit: Number(properties.BurstLimit),
        DetailedMetricsEnabled: properties.DetailedMetricsEnabled === 'true',
      },
    ]),
  ),
});

/** Routes throttled before an update and not after it: their settings go. */
export const routesNoLongerThrottled = (before: RouteThrottlingProperties, after?: RouteThrottlingProperties): string[] =>
  before.RouteKeys.filter((routeKey) => !after?.RouteKeys.includes(routeKey));
