/** A statement of the IAM policy a Lambda authorizer returns. */
export interface PolicyStatement {
  readonly Effect?: string;
  readonly Action?: string | string[];
  readonly Resource?: string | string[];
}

export type PolicyDecision = 'allow' | 'explicit-deny' | 'implicit-deny';

/** IAM wildcards: `*` any run of characters, `?` one character. */
const wildcard = (pattern: string) =>
  new RegExp(`^${[...pattern].map((character) => (character === '*' ? '.*' : character === '?' ? '.' : character.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')}$`);

/**
 * Evaluates an authorizer's policy for `execute-api:Invoke` on a method ARN as API Gateway does: an
 * explicit Deny wins, else an Allow allows, else the request is denied.
 */
export const evaluatePolicy = (statements: readonly PolicyStatement[], methodArn: string): PolicyDecision => {
  const matching = statements.filter(
    (statement) =>
      [statement.Action ?? []].flat().some((action) => wildcard(action).test('execute-api:Invoke')) &&
      [statement.Resource ?? []].flat().some((resource) => wildcard(resource).test(methodArn)),
  );
  if (matching.some((statement) => statement.Effect === 'Deny')) return 'explicit-deny';
  return matching.some((statement) => statement.Effect === 'Allow') ? 'allow' : 'implicit-deny';
};

/** The policy document's statements, whether `Statement` is a list or a single statement. */
export const statementsOf = (policyDocument: unknown): PolicyStatement[] => {
  const statement = (policyDocument as { Statement?: PolicyStatement | PolicyStatement[] } | undefined)?.Statement;
  return statement === undefined ? [] : [statement].flat();
};
