import type { Stream } from 'aws-cdk-lib/aws-kinesis';
import type { MonitoringFacade } from 'cdk-monitoring-constructs';
import { alarmOn, alarmThresholds } from './alarm-thresholds';

/**
 * Each Kinesis stream on the dashboard (records and bytes in and out, put latency, throttled records,
 * iterator age) and under alarms on its readers falling behind and on writes being throttled.
 */
export const watchStreams = (facade: MonitoringFacade, streams: Stream[]): void => {
  for (const stream of streams) {
    facade.monitorKinesisDataStream({
      streamName: stream.streamName,
      humanReadableName: stream.node.id,
      alarmFriendlyName: stream.node.id,
      addIteratorMaxAgeAlarm: alarmOn({ maxAgeInMillis: alarmThresholds.streamIteratorAge.toMilliseconds() }),
      addWriteProvisionedThroughputExceededAlarm: alarmOn({ maxRecordsThrottledThreshold: alarmThresholds.streamThrottledRecords }),
    });
  }
};
