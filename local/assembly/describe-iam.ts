import type { IamSpec, NamedPolicy, PolicyDocument, RoleSpec } from './app-model';
import type { TemplateResolver } from './intrinsics';
import { describeOrWarn, type FoundResource, jsonProperty, resourcesOfType, stringList } from './template-resources';

const asDocument = (value: unknown): PolicyDocument => {
  const document = jsonProperty(value) as PolicyDocument | undefined;
  return { Version: document?.Version ?? '2012-10-17', Statement: document?.Statement ?? [] };
};

const tagsOf = (value: unknown): Record<string, string> =>
  Object.fromEntries((Array.isArray(value) ? (value as { Key: string; Value: string }[]) : []).map((tag) => [String(tag.Key), String(tag.Value)]));

/** A role's ARN names it by its name; policies attach to roles by name. */
const roleNameOfReference = (reference: string) => reference.split('/').pop() ?? reference;

/** One statement for one `AWS::Lambda::Permission`, as Lambda writes it into the function's resource policy. */
const permissionStatement = (permission: FoundResource, functionArn: string) => {
  const principal = String(permission.property('Principal'));
  const sourceArn = permission.property('SourceArn');
  const sourceAccount = permission.property('SourceAccount');
  const urlAuthType = permission.property('FunctionUrlAuthType');
  const viaUrl = permission.property('InvokedViaFunctionUrl');
  const condition: Record<string, Record<string, string>> = {};
  if (sourceArn !== undefined) condition.ArnLike = { 'AWS:SourceArn': String(sourceArn) };
  if (sourceAccount !== undefined) condition.StringEquals = { 'AWS:SourceAccount': String(sourceAccount) };
  if (urlAuthType !== undefined) condition.StringEquals = { ...condition.StringEquals, 'lambda:FunctionUrlAuthType': String(urlAuthType) };
  // `addFunctionUrl`'s lambda:InvokeFunction statement holds for invocations through the URL only.
  if (viaUrl === true || viaUrl === 'true') condition.Bool = { 'lambda:InvokedViaFunctionUrl': 'true' };
  const service = /\.amazonaws\.com$/.test(principal);
  return {
    Sid: permission.logicalId,
    Effect: 'Allow',
    Principal: service ? { Service: principal } : { AWS: /^\d{12}$/.test(principal) ? `arn:aws:iam::${principal}:root` : principal },
    Action: String(permission.property('Action')),
    Resource: functionArn,
    ...(Object.keys(condition).length > 0 && { Condition: condition }),
  };
};

/**
 * The app's IAM: each role with its inline policies (its own and those attached by `AWS::IAM::Policy`
 * and `AWS::IAM::RolePolicy`) and managed policy ARNs; the app's managed policies; and the resource
 * policies of queues, topics, secrets and functions (`AWS::Lambda::Permission`), by resource ARN.
 */
export interface IamLookups {
  /** A function's ARN from its name or ARN. */
  functionArn(nameOrArn: string): string;
  /** A queue's ARN from its URL. */
  queueArn(url: string): string;
}

export const describeIam = (resolver: TemplateResolver, warnings: string[], lookups: IamLookups): IamSpec => {
  const roles = new Map<string, RoleSpec & { policies: NamedPolicy[]; managedPolicyArns: string[] }>();
  for (const role of resourcesOfType(resolver, 'AWS::IAM::Role')) {
    describeOrWarn(warnings, role.displayName, () => {
      const inline = (role.property('Policies') as { PolicyName: string; PolicyDocument: unknown }[] | undefined) ?? [];
      roles.set(role.ref(), {
        key: role.key,
        name: role.ref(),
        arn: role.attribute('Arn'),
        policies: inline.map((policy) => ({ name: `${role.displayName} ${policy.PolicyName}`, document: asDocument(policy.PolicyDocument) })),
        managedPolicyArns: stringList(role.property('ManagedPolicyArns')),
        permissionsBoundaryArn: role.property('PermissionsBoundary') as string | undefined,
        tags: tagsOf(role.property('Tags')),
      });
    });
  }
  const attach = (roleReferences: string[], policy: NamedPolicy) => {
    for (const reference of roleReferences) roles.get(roleNameOfReference(reference))?.policies.push(policy);
  };
  for (const policy of resourcesOfType(resolver, 'AWS::IAM::Policy')) {
    describeOrWarn(warnings, policy.displayName, () =>
      attach(stringList(policy.property('Roles')), { name: policy.displayName, document: asDocument(policy.property('PolicyDocument')) }),
    );
  }
  for (const policy of resourcesOfType(resolver, 'AWS::IAM::RolePolicy')) {
    describeOrWarn(warnings, policy.displayName, () =>
      attach([String(policy.property('RoleName'))], { name: policy.displayName, document: asDocument(policy.property('PolicyDocument')) }),
    );
  }
  const managedPolicies = new Map<string, NamedPolicy>();
  for (const policy of resourcesOfType(resolver, 'AWS::IAM::ManagedPolicy')) {
    describeOrWarn(warnings, policy.displayName, () => {
      const named = { name: policy.displayName, document: asDocument(policy.property('PolicyDocument')) };
      managedPolicies.set(policy.ref(), named);
      for (const reference of stringList(policy.property('Roles'))) roles.get(roleNameOfReference(reference))?.managedPolicyArns.push(policy.ref());
    });
  }

  const resourcePolicies = new Map<string, NamedPolicy[]>();
  const guard = (resourceArn: string, policy: NamedPolicy) => resourcePolicies.set(resourceArn, [...(resourcePolicies.get(resourceArn) ?? []), policy]);
  for (const policy of resourcesOfType(resolver, 'AWS::SQS::QueuePolicy')) {
    describeOrWarn(warnings, policy.displayName, () => {
      const document = asDocument(policy.property('PolicyDocument'));
      for (const url of stringList(policy.property('Queues'))) guard(lookups.queueArn(url), { name: policy.displayName, document });
    });
  }
  for (const policy of resourcesOfType(resolver, 'AWS::SQS::QueueInlinePolicy')) {
    describeOrWarn(warnings, policy.displayName, () =>
      guard(lookups.queueArn(String(policy.property('Queue'))), { name: policy.displayName, document: asDocument(policy.property('PolicyDocument')) }),
    );
  }
  for (const policy of resourcesOfType(resolver, 'AWS::SNS::TopicInlinePolicy')) {
    describeOrWarn(warnings, policy.displayName, () =>
      guard(String(policy.property('TopicArn')), { name: policy.displayName, document: asDocument(policy.property('PolicyDocument')) }),
    );
  }
  for (const policy of resourcesOfType(resolver, 'AWS::SNS::TopicPolicy')) {
    describeOrWarn(warnings, policy.displayName, () => {
      const document = asDocument(policy.property('PolicyDocument'));
      for (const topicArn of stringList(policy.property('Topics'))) guard(topicArn, { name: policy.displayName, document });
    });
  }
  for (const policy of resourcesOfType(resolver, 'AWS::SecretsManager::ResourcePolicy')) {
    describeOrWarn(warnings, policy.displayName, () =>
      guard(String(policy.property('SecretId')), { name: policy.displayName, document: asDocument(policy.property('ResourcePolicy')) }),
    );
  }
  for (const permission of resourcesOfType(resolver, 'AWS::Lambda::Permission')) {
    describeOrWarn(warnings, permission.displayName, () => {
      const functionArn = lookups.functionArn(String(permission.property('FunctionName')));
      guard(functionArn, { name: permission.displayName, document: { Version: '2012-10-17', Statement: [permissionStatement(permission, functionArn)] } });
    });
  }
  return { roles: [...roles.values()], managedPolicies, resourcePolicies };
};
