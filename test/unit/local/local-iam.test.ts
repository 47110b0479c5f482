import type { EventSourceMappingSpec, FunctionSpec, IamSpec, QueueSpec, RoleSpec } from '../../../local/assembly/app-model';
import { assumedRoleArn } from '../../../local/front-door/callers';
import { missingPollerPermissions } from '../../../local/iam/event-source-permissions';
import { LocalIam } from '../../../local/iam/local-iam';

const account = '000000000000';
const queueArn = `arn:aws:sqs:us-east-1:${account}:jobs`;
const role = (name: string, overrides: Partial<RoleSpec> = {}): RoleSpec => ({
  key: `Stack/${name}`,
  name,
  arn: `arn:aws:iam::${account}:role/${name}`,
  policies: [],
  managedPolicyArns: [],
  tags: {},
  ...overrides,
});
const iamOf = (roles: RoleSpec[]): LocalIam => {
  const iam = new LocalIam(true, account);
  iam.update({ roles, managedPolicies: new Map(), resourcePolicies: new Map() } satisfies IamSpec);
  return iam;
};
const allow = (actions: string[], resource: string) => ({ name: 'grant', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }] } });

/** "Policy evaluation logic" for what the templates give, beyond the conformance app's cases. */
describe('local IAM', () => {
  it('knows the AWS managed policies CDK attaches, and names the ones it does not', async () => {
    const iam = iamOf([
      role('Basic', { managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', 'arn:aws:iam::aws:policy/SomethingNew'] }),
    ]);
    const principalArn = assumedRoleArn(`arn:aws:iam::${account}:role/Basic`, 'fn');
    expect(await iam.authorize({ principalArn, action: 'logs:PutLogEvents', resource: `arn:aws:logs:us-east-1:${account}:log-group:/aws/lambda/fn:*` })).toEqual({ allowed: true });
    expect((await iam.authorize({ principalArn, action: 'sqs:SendMessage', resource: queueArn })).allowed).toBe(false);
    expect(iam.unknownManagedPolicies).toEqual(['arn:aws:iam::aws:policy/SomethingNew']);
  });

  it('lets a permissions boundary take back what the role\'s policies allow', async () => {
    const iam = new LocalIam(true, account);
    iam.update({
      roles: [role('Bounded', { policies: [allow(['sqs:*'], '*')], permissionsBoundaryArn: `arn:aws:iam::${account}:policy/boundary` })],
      managedPolicies: new Map([[`arn:aws:iam::${account}:policy/boundary`, allow(['sqs:ReceiveMessage'], '*')]]),
      resourcePolicies: new Map(),
    });
    const principalArn = assumedRoleArn(`arn:aws:iam::${account}:role/Bounded`, 'fn');
    expect((await iam.authorize({ principalArn, action: 'sqs:ReceiveMessage', resource: queueArn })).allowed).toBe(true);
    expect(await iam.authorize({ principalArn, action: 'sqs:SendMessage', resource: queueArn })).toMatchObject({
      allowed: false,
      message: expect.stringContaining('because no permissions boundary allows the sqs:SendMessage action'),
    });
  });

  it('lets everyone do everything when it is off', async () => {
    const iam = new LocalIam(false, account);
    iam.update({ roles: [role('Nothing')], managedPolicies: new Map(), resourcePolicies: new Map() });
    expect(await iam.authorize({ principalArn: assumedRoleArn(`arn:aws:iam::${account}:role/Nothing`, 'fn'), action: 'sqs:SendMessage', resource: queueArn })).toEqual({ allowed: true });
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html#events-sqs-permissions
  it('finds what an event source mapping\'s poller may not do with the function\'s role', async () => {
    const iam = iamOf([role('Consumer', { policies: [allow(['sqs:ReceiveMessage', 'sqs:DeleteMessage'], queueArn)] })]);
    const fn = { name: 'consumer', roleArn: `arn:aws:iam::${account}:role/Consumer` } as FunctionSpec;
    const mapping = { source: { kind: 'sqs', queue: { arn: queueArn } as QueueSpec } } as EventSourceMappingSpec;
    expect(await missingPollerPermissions(iam, fn, mapping)).toEqual([`sqs:GetQueueAttributes on ${queueArn}`]);
  });
});
