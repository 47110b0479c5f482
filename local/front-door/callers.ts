import { createHash } from 'node:crypto';
import type { FunctionSpec } from '../assembly/app-model';
import type { KnownCredentials } from '../gateway/sigv4';
import { localCredentials } from '../lambda/environment-variables';
import type { Caller } from './service-call';

const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * A function's own access key id, stable across reloads: `ASIA` (AWS's prefix for temporary
 * credentials, which is what a role session has) and 16 letters and digits from the function's name
 * (DynamoDB Local rejects any other character).
 */
export const functionAccessKeyId = (functionName: string): string => {
  const digest = createHash('sha256').update(functionName).digest();
  return `ASIA${[...digest.subarray(0, 16)].map((byte) => base32[byte % 32]).join('')}`;
};

/** The session token a function gets with its key. */
export const functionSessionToken = (functionName: string): string => `local-session-of-${functionName}`;

/** `arn:aws:iam::<account>:role/<path><name>` → `<name>` */
export const roleNameOf = (roleArn: string): string => roleArn.split('/').pop() ?? roleArn;
export const accountOfArn = (arn: string): string => arn.split(':')[4] ?? '';

/** The local operator: the account's root, as whom calls with credentials no function holds are made. */
export const operatorArn = (accountId: string): string => `arn:aws:iam::${accountId}:root`;

/** A role's unique id (`AROA` and 17 letters and digits), as `aws:userid` and STS name a role's session: `<id>:<session>`. */
export const roleUniqueId = (roleName: string): string => `AROA${roleName.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 17)}`;

/** The principal a function's calls come from: its execution role's session, named after the function, as Lambda names it. */
export const assumedRoleArn = (roleArn: string, sessionName: string): string =>
  `arn:aws:sts::${accountOfArn(roleArn)}:assumed-role/${roleNameOf(roleArn)}/${sessionName}`;

/**
 * Who holds which access key: each function its own (so every call names its role); anyone else (a
 * person or a test with any other credentials) is the local operator, who may do everything, as an
 * administrator of the local account.
 */
export class Callers {
  private byKey = new Map<string, Caller>();

  constructor(private readonly accountId: string) {}

  get operator(): Caller {
    return { kind: 'operator', principalArn: operatorArn(this.accountId) };
  }

  update(functions: readonly FunctionSpec[]): void {
    this.byKey = new Map(
      functions.map((fn) => [
        functionAccessKeyId(fn.name),
        { kind: 'function', functionName: fn.name, roleArn: fn.roleArn, principalArn: assumedRoleArn(fn.roleArn, fn.name) },
      ]),
    );
  }

  of(accessKeyId: string | undefined): Caller {
    return (accessKeyId && this.byKey.get(accessKeyId)) || this.operator;
  }

  /**
   * The secret behind a key, for servers that check SigV4 signatures (function URLs): each function's
   * key, and the local operator's (`localCredentials`); any other key is unknown there, as on AWS.
   */
  signingCredentials(accessKeyId: string): KnownCredentials | undefined {
    const caller = this.byKey.get(accessKeyId);
    if (caller?.kind === 'function') {
      return { secretAccessKey: localCredentials.secretAccessKey, principalArn: caller.principalArn, sessionToken: functionSessionToken(caller.functionName) };
    }
    return accessKeyId === localCredentials.accessKeyId ? { secretAccessKey: localCredentials.secretAccessKey, principalArn: this.operator.principalArn } : undefined;
  }
}
