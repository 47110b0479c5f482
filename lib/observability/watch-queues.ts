import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { MonitoringFacade } from 'cdk-monitoring-constructs';
import type { IConstruct } from 'constructs';
import { alarmOn, alarmThresholds } from './alarm-thresholds';
import type { WorkQueue } from './stack-inventory';

/** `StockResults/Queue` in its stack: `StockResults`. */
const nameOf = (queue: IConstruct) => {
  const path = queue.node.path.split('/').slice(1);
  return (path.at(-1) === 'Queue' ? path.slice(0, -1) : path).join('-');
};

const anyMessage = alarmOn({ maxMessageCount: alarmThresholds.deadLetterMessages });

/**
 * Each queue on the dashboard (size, age of the oldest message, throughput) and under an alarm on its
 * oldest message's age; each dead-letter queue beside its queue, under an alarm on any message at all.
 */
export const watchQueues = (facade: MonitoringFacade, workQueues: WorkQueue[], failureQueues: IQueue[]): void => {
  for (const { queue, deadLetterQueue } of workQueues) {
    const props = {
      queue,
      humanReadableName: nameOf(queue),
      alarmFriendlyName: nameOf(queue),
      addQueueMaxMessageAgeAlarm: alarmOn({ maxAgeInSeconds: alarmThresholds.queueMessageAge.toSeconds() }),
    };
    if (deadLetterQueue) facade.monitorSqsQueueWithDlq({ ...props, deadLetterQueue, addDeadLetterQueueMaxSizeAlarm: anyMessage });
    else facade.monitorSqsQueue(props);
  }
  for (const queue of failureQueues) {
    facade.monitorSqsQueue({ queue, humanReadableName: nameOf(queue), alarmFriendlyName: nameOf(queue), addQueueMaxSizeAlarm: anyMessage });
  }
};
