import { setTimeout as sleep } from 'node:timers/promises';
import { errorAnswer } from '../front-door/error-answers';
import type { FrontDoorStage, ServiceAnswer, ServiceCall } from '../front-door/service-call';
import type { CallFaultRule } from './chaos-spec';
import type { Random } from './seeded-random';
import { internalError, throttlingError } from './service-errors';

/** What the stage needs of the chaos controller. */
export interface CallFaultChoices {
  /** The fault (if any) for this call of this function, chosen by the rules' shares; counted once chosen. */
  choose(functionName: string): { rule: CallFaultRule; random: Random } | undefined;
}

/** Lambda's longest timeout: no caller waits longer than that for a call that never answers. */
const longestWaitMs = 15 * 60_000;

const resetConnection: ServiceAnswer = { status: 0, headers: {}, body: Buffer.alloc(0), resetConnection: true };

/** Holds the call until its caller goes away (its SDK's timeout, its function's timeout ending the environment). */
const neverAnswer = (signal: AbortSignal | undefined): Promise<ServiceAnswer> =>
  new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve(resetConnection);
    };
    const timer = setTimeout(done, longestWaitMs);
    timer.unref();
    if (!signal || signal.aborted) return done();
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * Faults on a function's AWS calls, after IAM let them through. A throttled call never reaches the
 * service, as on AWS. A 500, a call that never answers and a reset connection come, half the time,
 * before the service acted and, half the time, after (the write was made, its answer lost), because
 * on AWS a caller cannot tell which: what it does next (the SDK retries) must be safe either way.
 */
export const callFaults =
  (choices: CallFaultChoices): FrontDoorStage =>
  async (call: ServiceCall, next) => {
    if (call.caller?.kind !== 'function') return next();
    const chosen = choices.choose(call.caller.functionName);
    if (!chosen) return next();
    const { rule, random } = chosen;
    const afterTheService = random() < 0.5;
    switch (rule.kind) {
      case 'slow':
        await sleep(rule.delayMs ?? 0);
        return next();
      case 'throttle':
        return errorAnswer(call, throttlingError(call, Math.floor(random() * 1_000)));
      case 'error':
        if (afterTheService) await next();
        return errorAnswer(call, internalError(call));
      case 'timeout':
        if (afterTheService) await next();
        return neverAnswer(call.signal);
      case 'reset':
        if (afterTheService) await next();
        return resetConnection;
    }
  };
