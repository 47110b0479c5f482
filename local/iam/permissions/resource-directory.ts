import type { Authorization } from '../../front-door/service-call';

/** A table's partition key attribute and its indexes' partition keys: what `dynamodb:LeadingKeys` reads. */
export interface TableKeys {
  readonly partitionKey: string;
  readonly indexPartitionKeys: ReadonlyMap<string, string>;
}

/** What the permission tables need to know about the app to name a call's resources. */
export interface ResourceDirectory {
  readonly accountId: string;
  tableKeys(tableName: string): TableKeys | undefined;
  /** A secret's ARN from the name, ARN or partial ARN a call gives. */
  secretArn(secretId: string): string | undefined;
  /** The stream a shard iterator handed out through the front door reads. */
  streamOfIterator(iterator: string): string | undefined;
}

export interface CallInput {
  readonly region: string;
  readonly operation: string;
  readonly input: Record<string, unknown>;
}

/** The permissions one operation of a service needs. */
export type PermissionRule = (call: CallInput, directory: ResourceDirectory) => Authorization[];

export const arn = (service: string, call: CallInput, directory: ResourceDirectory, resource: string) =>
  `arn:aws:${service}:${call.region}:${directory.accountId}:${resource}`;

/** An input value as a string, or undefined. */
export const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The same authorization once, however many items of a batch need it. */
export const distinct = (authorizations: Authorization[]): Authorization[] => {
  const seen = new Map<string, Authorization>();
  for (const authorization of authorizations) seen.set(JSON.stringify(authorization), authorization);
  return [...seen.values()];
};
