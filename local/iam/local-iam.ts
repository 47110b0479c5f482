import type * as IamSimulate from '@cloud-copilot/iam-simulate';
import type { RunSimulationResults, Simulation } from '@cloud-copilot/iam-simulate';
import type { IamSpec, NamedPolicy, RoleSpec } from '../assembly/app-model';
import { accountOfArn, operatorArn, roleNameOf, roleUniqueId } from '../front-door/callers';
import { awsManagedPolicies, awsManagedPolicyPrefix } from './aws-managed-policies';

/** One question to IAM: may this principal do this action on this resource, in this request's context? */
export interface AuthorizationRequest {
  /**
   * An assumed role's session (`arn:aws:sts::<account>:assumed-role/<role>/<session>`), a role's ARN,
   * a service principal (`events.amazonaws.com`), or the local operator (`arn:aws:iam::<account>:root`).
   */
  readonly principalArn: string;
  /** `dynamodb:GetItem` */
  readonly action: string;
  readonly resource: string;
  /** Condition keys of the request (`dynamodb:LeadingKeys`, `aws:SourceArn`, ...); the global ones are added. */
  readonly context?: Readonly<Record<string, string | string[]>>;
}

export type AuthorizationDecision =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      /** AWS's message: `User: <principal> is not authorized to perform: <action> on resource: <arn> because ...` */
      readonly message: string;
      /** For the runtime's log: which grant is missing, or which policy denies. */
      readonly explanation: string;
    };

const isServicePrincipal = (principal: string) => principal.endsWith('.amazonaws.com');

/** `arn:aws:sts::<account>:assumed-role/<role>/<session>` → `{ role, session }` */
const assumedRole = (principal: string) => {
  const match = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/.exec(principal);
  return match ? { account: match[1]!, role: match[2]!, session: match[3]! } : undefined;
};

const maxCachedDecisions = 20_000;

type Evaluator = typeof IamSimulate;
let evaluatorModule: Promise<Evaluator> | undefined;
/**
 * The policy evaluator, loaded when IAM first evaluates something: with IAM off the runtime runs without
 * it installed. It is AGPL-3.0-or-later, a development dependency only (docs/decisions/0031).
 */
const evaluator = (): Promise<Evaluator> => (evaluatorModule ??= import('@cloud-copilot/iam-simulate'));

/**
 * IAM for the local account: evaluates a request against the caller's identity policies (its role's
 * inline and managed policies, and its permissions boundary) and the resource's policy, with AWS's
 * rules for one account (allowed if either allows and nothing denies), using @cloud-copilot/iam-simulate
 * (docs/decisions/0030-iam-enforced-locally.md). The local operator may do everything; with IAM off,
 * so may everyone. Decisions are cached until the app changes.
 */
export class LocalIam {
  private roles = new Map<string, RoleSpec>();
  private managed = new Map<string, NamedPolicy>();
  private resourcePolicies = new Map<string, NamedPolicy[]>();
  private cache = new Map<string, AuthorizationDecision>();
  private usesTime = false;
  /** Managed policies the runtime does not know, named once at start-up. */
  unknownManagedPolicies: string[] = [];

  constructor(
    readonly enabled: boolean,
    private readonly accountId: string,
  ) {}

  update(iam: IamSpec): void {
    this.roles = new Map(iam.roles.map((role) => [role.name, role]));
    this.managed = new Map(iam.managedPolicies);
    this.resourcePolicies = new Map(iam.resourcePolicies);
    // The time is a condition key only for apps whose policies ask for it: otherwise it would make every decision new.
    this.usesTime = /aws:(CurrentTime|EpochTime)/i.test(JSON.stringify([iam.roles, [...iam.managedPolicies], [...iam.resourcePolicies]]));
    this.cache.clear();
    const unknown = new Set<string>();
    for (const role of iam.roles) {
      for (const arn of [...role.managedPolicyArns, ...(role.permissionsBoundaryArn ? [role.permissionsBoundaryArn] : [])]) {
        if (!this.managedPolicy(arn)) unknown.add(arn);
      }
    }
    this.unknownManagedPolicies = [...unknown];
  }

  /**
   * A resource policy set at run time (a queue's `Policy` attribute): it replaces the one the templates
   * gave, as setting the attribute does on AWS. No document removes it.
   */
  setResourcePolicy(resourceArn: string, policy: NamedPolicy | undefined): void {
    if (policy) this.resourcePolicies.set(resourceArn, [policy]);
    else this.resourcePolicies.delete(resourceArn);
    this.cache.clear();
  }

  /** The operator is the account's root: anyone calling with credentials that no function holds. */
  isOperator(principalArn: string): boolean {
    return principalArn === operatorArn(this.accountId);
  }

  async authorize(request: AuthorizationRequest): Promise<AuthorizationDecision> {
    if (!this.enabled || this.isOperator(request.principalArn)) return { allowed: true };
    const context = { ...this.globalContext(request.principalArn), ...request.context };
    const key = JSON.stringify([request.principalArn, request.action, request.resource, context]);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const decision = await this.evaluate(request, context);
    if (this.cache.size >= maxCachedDecisions) this.cache.clear();
    this.cache.set(key, decision);
    return decision;
  }

  /** Checks every policy once (at start-up and on reload): the simulator's validation, so a policy it cannot read is named. */
  async validate(): Promise<string[]> {
    const problems: string[] = [];
    for (const role of this.roles.values()) {
      const result = await (await evaluator()).runSimulation(this.simulation(role.arn, 'sts:GetCallerIdentity', '*', {}), {});
      if (result.resultType === 'error') problems.push(`role ${role.name}: ${result.errors.message}`);
    }
    return problems;
  }

  private managedPolicy(arn: string): NamedPolicy | undefined {
    const own = this.managed.get(arn);
    if (own) return own;
    const name = arn.startsWith(awsManagedPolicyPrefix) ? arn.slice(awsManagedPolicyPrefix.length) : undefined;
    const document = name === undefined ? undefined : awsManagedPolicies[name];
    return document && { name: `AWS managed policy ${name}`, document };
  }

  private roleOf(principalArn: string): RoleSpec | undefined {
    const session = assumedRole(principalArn);
    return this.roles.get(session ? session.role : roleNameOf(principalArn));
  }

  /** The global condition keys AWS sets for every request of this principal (docs: "AWS global condition context keys"). */
  private globalContext(principalArn: string): Record<string, string> {
    const now = new Date();
    const context: Record<string, string> = {
      // The front door stands for AWS's HTTPS endpoints; policies that deny plain HTTP (enforceSSL) must not deny it.
      'aws:SecureTransport': 'true',
      ...(this.usesTime && { 'aws:CurrentTime': now.toISOString(), 'aws:EpochTime': String(Math.floor(now.getTime() / 1000)) }),
    };
    if (isServicePrincipal(principalArn)) return { ...context, 'aws:PrincipalIsAWSService': 'true' };
    const role = this.roleOf(principalArn);
    const session = assumedRole(principalArn);
    return {
      ...context,
      'aws:PrincipalIsAWSService': 'false',
      'aws:PrincipalAccount': session?.account ?? accountOfArn(principalArn),
      'aws:PrincipalType': session ? 'AssumedRole' : 'Role',
      ...(role && { 'aws:PrincipalArn': role.arn }),
      ...(session && role && { 'aws:userid': `${roleUniqueId(role.name)}:${session.session}` }),
      ...Object.fromEntries(Object.entries(role?.tags ?? {}).map(([tag, value]) => [`aws:PrincipalTag/${tag}`, value])),
    };
  }

  private simulation(principalArn: string, action: string, resource: string, context: Record<string, string | string[]>): Simulation {
    const role = isServicePrincipal(principalArn) ? undefined : this.roleOf(principalArn);
    const identityPolicies = role
      ? [
          ...role.policies,
          ...role.managedPolicyArns.flatMap((arn) => this.managedPolicy(arn) ?? []),
        ].map((policy) => ({ name: policy.name, policy: policy.document }))
      : [];
    const boundary = role?.permissionsBoundaryArn ? this.managedPolicy(role.permissionsBoundaryArn) : undefined;
    const resourceStatements = (this.resourcePolicies.get(resource) ?? []).flatMap((policy) => [policy.document.Statement].flat());
    return {
      request: { principal: principalArn, action, resource: { resource, accountId: accountOfArn(resource) || this.accountId }, contextVariables: context },
      identityPolicies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(resourceStatements.length > 0 && { resourcePolicy: { Version: '2012-10-17', Statement: resourceStatements } }),
      ...(role?.permissionsBoundaryArn && { permissionBoundaryPolicies: boundary ? [{ name: boundary.name, policy: boundary.document }] : [] }),
    };
  }

  private async evaluate(request: AuthorizationRequest, context: Record<string, string | string[]>): Promise<AuthorizationDecision> {
    const { runSimulation, runUnsafeSimulation } = await evaluator();
    const simulation = this.simulation(request.principalArn, request.action, request.resource, context);
    // The policies were validated when the app was deployed; the unvalidated run is about six times cheaper.
    // It fails on a resource policy in iam-simulate 0.1.173 (it reads the policy's missing name), so those take the full run.
    if (!simulation.resourcePolicy && runUnsafeSimulation(simulation, {}) === 'Allowed') return { allowed: true };
    // The full run also gives the analysis that says which policy decided a denial.
    const result = await runSimulation(simulation, {});
    if (result.resultType !== 'error' && result.overallResult === 'Allowed') return { allowed: true };
    if (result.resultType === 'error') throw new Error(`IAM could not evaluate ${request.action} on ${request.resource}: ${result.errors.message}`);
    return this.denial(request, simulation, result);
  }

  private denial(request: AuthorizationRequest, simulation: Simulation, result: Exclude<RunSimulationResults, { resultType: 'error' }>): AuthorizationDecision {
    const analysis = result.resultType === 'single' ? result.result.analysis : result.results[0]?.analysis;
    const explicit = result.overallResult === 'ExplicitlyDenied';
    const deniedByResource = analysis?.resourceAnalysis?.result === 'ExplicitlyDenied';
    const deniedByBoundary = analysis?.permissionBoundaryAnalysis?.result === 'ExplicitlyDenied' || analysis?.permissionBoundaryAnalysis?.result === 'ImplicitlyDenied';
    const head = `User: ${request.principalArn} is not authorized to perform: ${request.action} on resource: ${request.resource}`;
    const policyType = deniedByResource ? 'a resource-based policy' : deniedByBoundary && !explicit ? 'a permissions boundary' : 'an identity-based policy';
    const message = explicit
      ? `${head} with an explicit deny in ${policyType}`
      : deniedByBoundary
        ? `${head} because no permissions boundary allows the ${request.action} action`
        : `${head} because no ${isServicePrincipal(request.principalArn) ? 'resource-based' : 'identity-based'} policy allows the ${request.action} action`;
    const denyingPolicies = [
      ...(analysis?.identityAnalysis?.denyStatements ?? []),
      ...(analysis?.resourceAnalysis?.denyStatements ?? []),
    ].map((statement) => statement.policyId ?? 'the resource policy');
    const role = this.roleOf(request.principalArn);
    const explanation = explicit
      ? `denied by ${[...new Set(denyingPolicies)].join(', ') || policyType}`
      : isServicePrincipal(request.principalArn)
        ? `missing grant: the policy of ${request.resource} must allow ${request.principalArn} to ${request.action}${request.context?.['aws:SourceArn'] ? ` from ${request.context['aws:SourceArn']}` : ''}`
        : `missing grant: ${request.action} on ${request.resource} for role ${role?.name ?? request.principalArn}` +
          `${simulation.identityPolicies.length === 0 ? ' (the role has no policies)' : ''}`;
    return { allowed: false, message, explanation };
  }
}
