import { ComparisonOperator } from 'aws-cdk-lib/aws-cloudwatch';
import type { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { MonitoringFacade } from 'cdk-monitoring-constructs';
import { alarmThresholds } from './alarm-thresholds';

/**
 * Each schedule group on the dashboard (ticks attempted, failed, dropped) and under an alarm on ticks
 * that did not reach their function: the scheduler could not invoke it (`TargetErrorCount`), or gave
 * up after its retries (`InvocationDroppedCount`). What the function then does is its own alarms' business.
 */
export const watchSchedules = (facade: MonitoringFacade, groups: ScheduleGroup[]): void => {
  const period = { period: alarmThresholds.period, statistic: 'Sum' };
  const failing = (name: string, description: string) => ({
    [name]: {
      threshold: alarmThresholds.scheduleFailures,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingDataOverride: alarmThresholds.missingData,
      additionalDescription: description,
    },
  });
  for (const group of groups) {
    facade.monitorCustom({
      humanReadableName: `Schedules (${group.node.id})`,
      alarmFriendlyName: group.node.id,
      metricGroups: [
        {
          title: 'Schedule ticks',
          metrics: [
            group.metricAttempts({ ...period, label: 'attempted' }),
            {
              metric: group.metricTargetErrors({ ...period, label: 'failed to invoke' }),
              alarmFriendlyName: 'TargetErrors',
              addAlarm: failing('Critical', 'A schedule could not invoke its function (permissions, throttling): its work is not being done.'),
            },
            {
              metric: group.metricDropped({ ...period, label: 'dropped' }),
              alarmFriendlyName: 'Dropped',
              addAlarm: failing('Critical', 'A schedule gave a tick up after its retries: its work was not done this period.'),
            },
          ],
        },
      ],
    });
  }
};
