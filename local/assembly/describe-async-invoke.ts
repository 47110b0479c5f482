import type { AsyncInvokeConfig } from './app-model';
import type { TemplateResolver } from './intrinsics';
import { describeOrWarn, optionalNumber, resourcesOfType } from './template-resources';

/**
 * How Lambda retries each function's asynchronous invocations: `AWS::Lambda::EventInvokeConfig` (retries,
 * maximum age, on-failure destination), else Lambda's defaults (2 retries, 6 hours) and the function's
 * `DeadLetterConfig`.
 */
export const describeAsyncInvokeConfigs = (
  resolver: TemplateResolver,
  warnings: string[],
  functionArn: (nameOrArn: string) => string,
): AsyncInvokeConfig[] => {
  const configs = new Map<string, AsyncInvokeConfig>();
  for (const fn of resourcesOfType(resolver, 'AWS::Lambda::Function')) {
    describeOrWarn(warnings, fn.displayName, () => {
      const deadLetter = (fn.property('DeadLetterConfig') as { TargetArn?: string } | undefined)?.TargetArn;
      const arn = fn.attribute('Arn');
      configs.set(arn, {
        functionArn: arn,
        maximumRetryAttempts: 2,
        maximumEventAgeSeconds: 21_600,
        ...(deadLetter && { onFailureArn: deadLetter, onFailureKind: 'dead-letter-queue' as const }),
      });
    });
  }
  for (const config of resourcesOfType(resolver, 'AWS::Lambda::EventInvokeConfig')) {
    describeOrWarn(warnings, config.displayName, () => {
      const arn = functionArn(String(config.property('FunctionName')));
      const current = configs.get(arn);
      const onFailure = (config.property('DestinationConfig') as { OnFailure?: { Destination?: string } } | undefined)?.OnFailure?.Destination;
      configs.set(arn, {
        functionArn: arn,
        maximumRetryAttempts: optionalNumber(config.property('MaximumRetryAttempts')) ?? 2,
        maximumEventAgeSeconds: optionalNumber(config.property('MaximumEventAgeInSeconds')) ?? 21_600,
        ...(onFailure
          ? { onFailureArn: onFailure, onFailureKind: 'destination' as const }
          : current?.onFailureArn && { onFailureArn: current.onFailureArn, onFailureKind: current.onFailureKind }),
      });
    });
  }
  return [...configs.values()];
};
