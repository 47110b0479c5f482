import type { AuthorizationDecision, LocalIam } from '../iam/local-iam';
import { accessDeniedError } from '../iam/access-denied';
import { requiredPermissions } from '../iam/permissions/required-permissions';
import type { ResourceDirectory } from '../iam/permissions/resource-directory';
import type { ShardIterators } from '../iam/permissions/shard-iterators';
import type { Callers } from './callers';
import { errorAnswer, notEmulated, notEmulatedCode } from './error-answers';
import type { Backend } from './forward';
import type { Caller, FrontDoorStage } from './service-call';

/** Who calls, from the access key id of the call's signature. */
export const identifyCaller =
  (callers: Callers): FrontDoorStage =>
  (call, next) => {
    call.caller = callers.of(call.accessKeyId);
    return next();
  };

/**
 * A service nothing here emulates never goes further: the call fails at once, naming the service and
 * operation. So does an operation a service the runtime answers itself does not serve (STS's AssumeRole);
 * the log says which function called it either way.
 */
export const routeOrRefuse =
  (backends: () => ReadonlyMap<string, Backend>, onRefused: (message: string) => void): FrontDoorStage =>
  async (call, next) => {
    const refused = () =>
      onRefused(`${callerName(call.caller)} called ${call.service} ${call.operation}, which is not emulated locally: it failed at once, and nothing left this machine`);
    if (!backends().has(call.service)) {
      refused();
      return notEmulated(call);
    }
    const answer = await next();
    if (answer.headers['x-amzn-errortype'] === notEmulatedCode) refused();
    return answer;
  };

/** The IAM actions and resources the call needs (the per-service tables in local/iam/permissions). */
export const identifyPermissions =
  (directory: () => ResourceDirectory): FrontDoorStage =>
  (call, next) => {
    call.authorizations = requiredPermissions(call.service, { region: call.region, operation: call.operation, input: call.input ?? {} }, directory());
    return next();
  };

const callerName = (caller: Caller | undefined) => (caller?.kind === 'function' ? caller.functionName : 'the local operator');

/**
 * A queue policy set by a call (`CreateQueue` or `SetQueueAttributes` with `Policy`, `DeleteQueue`)
 * guards the queue from then on, as it does on AWS.
 */
export const trackQueuePolicies =
  (iam: LocalIam): FrontDoorStage =>
  async (call, next) => {
    const answer = await next();
    if (call.service !== 'sqs' || answer.status !== 200) return answer;
    const queueArn = call.authorizations?.[0]?.resource;
    const policy = (call.input?.Attributes as Record<string, string> | undefined)?.Policy;
    if (!queueArn) return answer;
    if (call.operation === 'DeleteQueue') iam.setResourcePolicy(queueArn, undefined);
    else if ((call.operation === 'CreateQueue' || call.operation === 'SetQueueAttributes') && policy !== undefined) {
      iam.setResourcePolicy(queueArn, policy ? { name: `the queue policy of ${queueArn}`, document: JSON.parse(policy) } : undefined);
    }
    return answer;
  };

/**
 * Remembers the stream of each shard iterator a Kinesis or DynamoDB Streams answer hands out, so that
 * a later `GetRecords`, which names only its iterator, is authorized on that stream.
 */
export const trackShardIterators =
  (iterators: ShardIterators): FrontDoorStage =>
  async (call, next) => {
    const answer = await next();
    const streamArn = call.authorizations?.[0]?.resource;
    const reads = (call.service === 'kinesis' || call.service === 'dynamodb-streams') && (call.operation === 'GetShardIterator' || call.operation === 'GetRecords');
    if (!reads || answer.status !== 200 || !streamArn || streamArn === '*') return answer;
    const { ShardIterator, NextShardIterator } = JSON.parse(answer.body.toString('utf8')) as { ShardIterator?: string; NextShardIterator?: string };
    const iterator = ShardIterator ?? NextShardIterator;
    if (iterator) iterators.remember(iterator, streamArn);
    return answer;
  };

/** Each permission is evaluated for the calling function's role; the first denial answers as the service would. */
export const authorize =
  (iam: LocalIam, onDenied: (message: string) => void): FrontDoorStage =>
  async (call, next) => {
    const caller = call.caller;
    if (!iam.enabled || caller?.kind !== 'function') return next();
    for (const authorization of call.authorizations ?? []) {
      const decision: AuthorizationDecision = await iam.authorize({ principalArn: caller.principalArn, ...authorization });
      if (decision.allowed) continue;
      onDenied(`IAM denied ${caller.functionName} ${call.service} ${call.operation}: ${decision.explanation}`);
      return errorAnswer(call, accessDeniedError(call.service, authorization.action, decision.message));
    }
    return next();
  };
