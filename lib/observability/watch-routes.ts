import { HttpApi, type IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { LatencyType, type MonitoringFacade } from 'cdk-monitoring-constructs';
import { Construct } from 'constructs';
import { apiStageName } from '../platform/platform-contract';
import { alarmOn, alarmThresholds } from './alarm-thresholds';
import type { RouteSpec } from './stack-inventory';

const friendlyName = (route: RouteSpec) => `${route.method} ${route.path}`.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '');

/**
 * Each route on the dashboard (requests, 4xx and 5xx, p50/p90/p99 latency, from the stage's detailed
 * metrics) and under two alarms: its 5xx rate and its p99 latency.
 */
export const watchRoutes = (facade: MonitoringFacade, routes: RouteSpec[]): void => {
  const apis = new Map<string, IHttpApi>();
  const scope = new Construct(facade, 'Routes');
  const apiOf = (apiId: string) => {
    if (!apis.has(apiId)) apis.set(apiId, HttpApi.fromHttpApiAttributes(scope, `Api${apis.size}`, { httpApiId: apiId }));
    return apis.get(apiId)!;
  };
  for (const route of routes) {
    facade.monitorApiGatewayV2HttpApi({
      api: apiOf(route.apiId),
      apiStage: apiStageName,
      apiMethod: route.method,
      apiResource: route.path,
      humanReadableName: `${route.method} ${route.path}`,
      alarmFriendlyName: friendlyName(route),
      latencyTypesToRender: [LatencyType.P50, LatencyType.P90, LatencyType.P99],
      add5xxRateAlarm: alarmOn({ maxErrorRate: alarmThresholds.routeServerErrorRate }),
      addLatencyP99Alarm: alarmOn({ maxLatency: alarmThresholds.routeLatencyP99, datapointsToAlarm: alarmThresholds.slowRoutePeriods, evaluationPeriods: 3 }),
    });
  }
};
