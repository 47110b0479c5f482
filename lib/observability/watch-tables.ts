import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { MonitoringFacade } from 'cdk-monitoring-constructs';
import { alarmOn, alarmThresholds } from './alarm-thresholds';

const anyThrottle = alarmOn({ maxThrottledEventsThreshold: alarmThresholds.tableThrottles });

/**
 * Each table on the dashboard (consumed capacity, latency per operation, throttles, errors) and under
 * alarms on throttled reads and writes.
 */
export const watchTables = (facade: MonitoringFacade, tables: Table[]): void => {
  for (const table of tables) {
    facade.monitorDynamoTable({
      table,
      humanReadableName: table.node.id,
      alarmFriendlyName: table.node.id,
      addReadThrottledEventsCountAlarm: anyThrottle,
      addWriteThrottledEventsCountAlarm: anyThrottle,
    });
  }
};
