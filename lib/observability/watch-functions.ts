import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { MonitoringFacade } from 'cdk-monitoring-constructs';
import { alarmOn, alarmThresholds } from './alarm-thresholds';

/**
 * Each function on the dashboard (invocations, duration p50/p90/p99, errors, throttles, concurrent
 * executions; iterator age for stream consumers) and under alarms on errors and throttles, and on
 * falling behind its stream. Cold starts are on the service's health row (see watch-service-metrics).
 */
export const watchFunctions = (facade: MonitoringFacade, functions: LambdaFunction[], streamConsumers: Set<LambdaFunction>): void => {
  for (const fn of functions) {
    const readsStream = streamConsumers.has(fn);
    facade.monitorLambdaFunction({
      lambdaFunction: fn,
      humanReadableName: fn.node.id,
      alarmFriendlyName: fn.node.id,
      isIterator: readsStream,
      addFaultCountAlarm: alarmOn({ maxErrorCount: alarmThresholds.functionErrors }),
      addThrottlesCountAlarm: alarmOn({ maxErrorCount: alarmThresholds.functionThrottles }),
      ...(readsStream && {
        addMaxIteratorAgeAlarm: alarmOn({ maxAgeInMillis: alarmThresholds.streamIteratorAge.toMilliseconds() }),
      }),
    });
  }
};
