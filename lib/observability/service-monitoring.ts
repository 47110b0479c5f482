import { Aspects, CfnOutput, Stack } from 'aws-cdk-lib';
import { AlarmRule, CompositeAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { DashboardRenderingPreference, DefaultDashboardFactory, MonitoringFacade, SnsAlarmActionStrategy } from 'cdk-monitoring-constructs';
import { Construct } from 'constructs';
import { alarmThresholds } from './alarm-thresholds';
import { importAlarmTopic } from './alarm-topic';
import { businessMetricGroups, healthMetricGroups, type ServiceName } from './business-metrics';
import { dashboardUrl, healthAlarmName, serviceDashboardName } from './names';
import { inventoryOf } from './stack-inventory';
import { watchFunctions } from './watch-functions';
import { watchQueues } from './watch-queues';
import { watchRoutes } from './watch-routes';
import { watchSchedules } from './watch-schedules';
import { watchStreams } from './watch-streams';
import { watchTables } from './watch-tables';

export interface ServiceMonitoringProps {
  readonly service: ServiceName;
}

/**
 * Watches everything in its stack: one dashboard, and alarms that notify the platform's alarm topic.
 * It takes stock once the stack is complete (at synthesis), so a route, function, queue, stream or
 * table added anywhere in the stack is on the dashboard and under its alarms with no further code.
 */
export class ServiceMonitoring extends Construct {
  private readonly facade: MonitoringFacade;
  private watching = false;

  constructor(scope: Construct, id: string, private readonly props: ServiceMonitoringProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const topic = importAlarmTopic(this, 'AlarmTopic');
    const dashboardName = serviceDashboardName(stack.stackName);
    this.facade = new MonitoringFacade(this, 'Facade', {
      metricFactoryDefaults: { period: alarmThresholds.period },
      alarmFactoryDefaults: {
        alarmNamePrefix: stack.stackName,
        actionsEnabled: true,
        evaluationPeriods: alarmThresholds.evaluationPeriods,
        datapointsToAlarm: alarmThresholds.evaluationPeriods,
        action: new SnsAlarmActionStrategy({ onAlarmTopic: topic, onOkTopic: topic }),
      },
      dashboardFactory: new DefaultDashboardFactory(this, 'Dashboards', {
        dashboardNamePrefix: dashboardName,
        renderingPreference: DashboardRenderingPreference.INTERACTIVE_ONLY,
      }),
    });
    new CfnOutput(stack, 'DashboardUrl', { value: dashboardUrl(dashboardName), description: `CloudWatch dashboard of ${stack.stackName}` });
    // The stack is visited first, once the whole app is built: the moment to take stock of it.
    Aspects.of(stack).add({
      visit: (node) => {
        if (node === stack) this.watch(stack);
      },
    });
  }

  private watch(stack: Stack) {
    if (this.watching) return; // a second synthesis of the same app must not watch twice
    this.watching = true;
    const inventory = inventoryOf(stack);
    const { service } = this.props;
    this.facade.monitorCustom({
      humanReadableName: `${stack.stackName}: business and health`,
      alarmFriendlyName: 'Service',
      metricGroups: [...businessMetricGroups(service, true), ...healthMetricGroups(service, inventory.readsRecords)],
    });
    watchRoutes(this.facade, inventory.routes);
    watchFunctions(this.facade, inventory.functions, inventory.streamConsumers);
    watchQueues(this.facade, inventory.workQueues, inventory.failureQueues);
    watchStreams(this.facade, inventory.streams);
    watchTables(this.facade, inventory.tables);
    watchSchedules(this.facade, inventory.scheduleGroups);
    new CompositeAlarm(this, 'Health', {
      compositeAlarmName: healthAlarmName(stack.stackName),
      alarmDescription: `In ALARM while any alarm of ${stack.stackName} is; the system overview dashboard shows it. It notifies nobody: its alarms do.`,
      alarmRule: AlarmRule.anyOf(...this.facade.createdAlarms().map(({ alarm }) => alarm)),
      actionsEnabled: false,
    });
  }
}
