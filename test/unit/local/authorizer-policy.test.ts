import { evaluatePolicy, statementsOf } from '../../../local/gateway/authorizer-policy';

const arn = 'arn:aws:execute-api:us-east-1:000000000000:abc123defg/prod/GET/notes/42';
const statement = (Effect: string, Resource: string | string[], Action: string | string[] = 'execute-api:Invoke') => ({ Effect, Resource, Action });

describe("a Lambda authorizer's policy", () => {
  it('allows what an Allow statement names, with * and ? wildcards', () => {
    expect(evaluatePolicy([statement('Allow', 'arn:aws:execute-api:us-east-1:000000000000:abc123defg/prod/*')], arn)).toBe('allow');
    expect(evaluatePolicy([statement('Allow', 'arn:aws:execute-api:us-east-1:000000000000:abc123defg/prod/GET/notes/4?')], arn)).toBe('allow');
    expect(evaluatePolicy([statement('Allow', ['arn:other', arn], 'execute-api:*')], arn)).toBe('allow');
  });

  it('denies what no Allow names, and an explicit Deny wins over any Allow', () => {
    expect(evaluatePolicy([statement('Allow', 'arn:aws:execute-api:us-east-1:000000000000:abc123defg/prod/GET/notes')], arn)).toBe('implicit-deny');
    expect(evaluatePolicy([statement('Allow', '*'), statement('Deny', '*/GET/*')], arn)).toBe('explicit-deny');
    expect(evaluatePolicy([statement('Allow', '*', 'lambda:InvokeFunction')], arn)).toBe('implicit-deny');
  });

  it('reads a single statement as well as a list', () => {
    expect(statementsOf({ Statement: statement('Allow', '*') })).toHaveLength(1);
    expect(statementsOf(undefined)).toEqual([]);
  });
});
