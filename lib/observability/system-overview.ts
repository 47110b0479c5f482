import { ArnFormat, CfnOutput, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, AlarmStatusWidget, TextWidget } from 'aws-cdk-lib/aws-cloudwatch';
import { DashboardRenderingPreference, DefaultDashboardFactory, LatencyType, MonitoringFacade } from 'cdk-monitoring-constructs';
import { Construct } from 'constructs';
import { apiStageName } from '../platform/platform-contract';
import { alarmThresholds } from './alarm-thresholds';
import { businessMetricGroups, healthMetricGroups, type ServiceName } from './business-metrics';
import { dashboardUrl, healthAlarmName, overviewDashboardName, serviceDashboardName } from './names';

export interface OverviewService {
  readonly stackName: string;
  readonly service: ServiceName;
}

export interface SystemOverviewProps {
  readonly api: IHttpApi;
  readonly services: OverviewService[];
}

/**
 * The one dashboard to open first: each service's health (its composite alarm) with a link to its
 * dashboard, the whole API's traffic, errors and latency, and every business figure. It finds the
 * services' alarms and dashboards by name, so the platform stack refers to no service stack.
 */
export class SystemOverview extends Construct {
  constructor(scope: Construct, id: string, props: SystemOverviewProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const facade = new MonitoringFacade(this, 'Facade', {
      metricFactoryDefaults: { period: alarmThresholds.period },
      alarmFactoryDefaults: { alarmNamePrefix: 'Overview', actionsEnabled: false },
      dashboardFactory: new DefaultDashboardFactory(this, 'Dashboards', {
        dashboardNamePrefix: overviewDashboardName,
        renderingPreference: DashboardRenderingPreference.INTERACTIVE_ONLY,
      }),
    });

    const links = props.services.map(({ stackName }) => `[${stackName}](${dashboardUrl(serviceDashboardName(stackName))})`);
    facade.addWidget(new TextWidget({ markdown: `# Shop: system overview\nService dashboards: ${links.join(' · ')}`, width: 24, height: 2 }));
    const healthAlarms = props.services.map(({ stackName }) =>
      Alarm.fromAlarmArn(
        this,
        `${stackName}Health`,
        stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: healthAlarmName(stackName), arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
      ),
    );
    facade.addWidget(new AlarmStatusWidget({ title: 'Service health (any alarm of the service)', alarms: healthAlarms, width: 24, height: 3 }));

    facade.monitorApiGatewayV2HttpApi({
      api: props.api,
      apiStage: apiStageName,
      humanReadableName: 'HTTP API, all routes',
      alarmFriendlyName: 'Api',
      latencyTypesToRender: [LatencyType.P50, LatencyType.P90, LatencyType.P99],
    });
    for (const { service, stackName } of props.services) {
      const metricGroups = businessMetricGroups(service, false);
      if (metricGroups.length > 0) facade.monitorCustom({ humanReadableName: `${stackName}: business`, alarmFriendlyName: stackName, metricGroups });
    }
    facade.monitorCustom({ humanReadableName: 'Health, all services', alarmFriendlyName: 'Health', metricGroups: healthMetricGroups() });

    new CfnOutput(stack, 'OverviewDashboardUrl', { value: dashboardUrl(overviewDashboardName), description: 'CloudWatch dashboard of the whole system' });
  }
}
