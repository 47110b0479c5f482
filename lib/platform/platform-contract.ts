/**
 * What the platform stack publishes for the service stacks. Services read these SSM parameters at
 * deploy time, so each service stack deploys on its own and no CloudFormation export ties them together.
 */
export const platformParameters = {
  httpApiId: '/shop/platform/http-api-id',
  httpApiUrl: '/shop/platform/http-api-url',
  jwtAuthorizerId: '/shop/platform/jwt-authorizer-id',
  /** The SNS topic every alarm notifies. */
  alarmTopicArn: '/shop/platform/alarm-topic-arn',
} as const;

/** The HTTP API's one stage: its name is a dimension of every API Gateway metric. */
export const apiStageName = '$default';

/**
 * The stage's settings that every route has unless it is throttled on its own: per-route metrics (what
 * the dashboards and route alarms watch) and a rate limit. A route's own settings replace these
 * entirely, so a throttled route repeats the metrics setting.
 */
export const stageRouteDefaults = { detailedMetricsEnabled: true, throttle: { rateLimit: 500, burstLimit: 1000 } } as const;

/** The `aud` every access token carries and the gateway's JWT authorizer demands. */
export const tokenAudience = 'shop-api';

/** Scope (in the token's `scope` claim) that admin-only routes require at the gateway. */
export const adminScope = 'admin';
