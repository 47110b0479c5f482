import { accountOfArn, roleNameOf, roleUniqueId } from '../front-door/callers';
import { notEmulated } from '../front-door/error-answers';
import type { ServiceAnswer, ServiceCall } from '../front-door/service-call';
import { queryAnswer } from './query-protocol';

const namespace = 'https://sts.amazonaws.com/doc/2011-06-15/';

/**
 * STS's `GetCallerIdentity`, the first call of many scripts and SDK helpers: who the caller is, as STS
 * says it (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html). A function is
 * its execution role's session (`assumed-role/<role>/<function>`, user id `<role id>:<function>`); the
 * local operator is the account's root (user id the account). It needs no permission, as on AWS. Other
 * STS operations are not emulated.
 */
export const answerSts = async (call: ServiceCall): Promise<ServiceAnswer> => {
  if (call.operation !== 'GetCallerIdentity') return notEmulated(call, 'the local STS answers GetCallerIdentity');
  const caller = call.caller!;
  const account = accountOfArn(caller.principalArn);
  const userId = caller.kind === 'function' ? `${roleUniqueId(roleNameOf(caller.roleArn))}:${caller.functionName}` : account;
  return queryAnswer('GetCallerIdentity', namespace, { UserId: userId, Account: account, Arn: caller.principalArn }, call.requestId);
};
