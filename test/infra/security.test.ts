import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildShop } from '../../lib/shop-app';
import { synthShop } from './shop-app';
import { resourcesOfType } from './templates';

const { stacks } = synthShop();
const user = Template.fromStack(stacks.user);
const policies = resourcesOfType([stacks.user], 'AWS::IAM::Policy');
const roleOf = (functionPrefix: string) => {
  const [fn] = resourcesOfType([stacks.user], 'AWS::Lambda::Function').filter((candidate) => candidate.logicalId.startsWith(functionPrefix));
  return fn!.properties.Role['Fn::GetAtt'][0] as string;
};
const statementsOf = (functionPrefix: string) =>
  policies
    .filter((policy) => JSON.stringify(policy.properties.Roles).includes(`"${roleOf(functionPrefix)}"`))
    .flatMap((policy) => policy.properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown; Condition?: unknown }[]);

describe('admins', () => {
  it('follow from no email: nothing in the app names an admin', () => {
    for (const stack of Object.values(stacks)) expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toMatch(/ADMIN_EMAILS|adminEmails/);
  });

  it('change roles through an admin-only route', () => {
    user.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'PUT /users/{userId}/roles',
      AuthorizationType: 'JWT',
      AuthorizationScopes: ['admin'],
    });
  });
});

describe('the signing keys', () => {
  const readers = (secretPrefix: string) =>
    policies
      .filter((policy) => JSON.stringify(policy.properties.PolicyDocument).includes(`"Ref":"${secretPrefix}`))
      .map((policy) => policy.logicalId.replace(/RoleDefaultPolicy.*$/, ''))
      .sort();

  it('are read only by the login and written only by their rotation', () => {
    expect(readers('TokenSigningKey')).toEqual(['Login', 'RotateSigningKey']);
  });

  it('are published by the JWKS function from a secret of their own, public halves only', () => {
    expect(readers('TokenVerificationKeys')).toEqual(['Jwks', 'RotateSigningKey']);
    expect(JSON.stringify(statementsOf('Jwks'))).not.toContain('TokenSigningKey');
  });

  it('rotate when Secrets Manager invokes their rotation for this secret, and for no other', () => {
    user.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'secretsmanager.amazonaws.com',
      SourceArn: { Ref: Match.stringLikeRegexp('^TokenSigningKey') },
    });
  });
});

describe('the User table', () => {
  const leadingKeysOf = (functionPrefix: string) =>
    statementsOf(functionPrefix)
      .filter((statement) => JSON.stringify(statement.Action).includes('dynamodb:'))
      .map((statement) => ({
        actions: statement.Action,
        partitions: (statement.Condition as Record<string, Record<string, string[]>> | undefined)?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'],
      }));

  it.each([['GetMe'], ['UpdateMe'], ['SetRoles']])('%s reaches profiles only, never a credential (password hash)', (fn) => {
    const grants = leadingKeysOf(fn);
    expect(grants.length).toBeGreaterThan(0);
    for (const grant of grants) expect(grant.partitions).toEqual(['USER#*']);
  });

  it('is written by the login in its login-attempt items only', () => {
    expect(leadingKeysOf('Login')).toEqual([
      { actions: 'dynamodb:GetItem', partitions: ['LOGIN#*', 'EMAIL#*', 'USER#*'] },
      { actions: ['dynamodb:PutItem', 'dynamodb:DeleteItem'], partitions: ['LOGIN#*'] },
    ]);
  });
});

describe('a flood of sign-ups or logins', () => {
  const throttling = () => resourcesOfType([stacks.user], 'Custom::RouteThrottling');

  it('is throttled per route at the API stage, once the routes exist', () => {
    const [resource] = throttling();
    expect(resource?.properties).toMatchObject({
      StageName: '$default',
      RouteKeys: ['POST /auth/register', 'POST /auth/login'],
      RateLimit: '25',
      BurstLimit: '50',
      DetailedMetricsEnabled: 'true',
    });
    const dependsOn = (Template.fromStack(stacks.user).toJSON().Resources[resource!.logicalId].DependsOn ?? []) as string[];
    expect(dependsOn.filter((id) => /^ApiPOSTauth(login|register)[0-9A-F]{8}$/.test(id))).toHaveLength(2);
  });

  it('takes at most the concurrency reserved for the auth functions, leaving the rest to the saga', () => {
    for (const fn of ['Register', 'Login']) {
      user.hasResourceProperties('AWS::Lambda::Function', {
        Handler: 'index.handler',
        ReservedConcurrentExecutions: 10,
        Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'user' }) },
        LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp(`^${fn}LogGroup`) } },
      });
    }
  });

  it('has limits a deployment can change, or reservations it can leave out (accounts with little concurrency)', () => {
    const { stacks: custom } = synthShop({ context: { authRateLimit: '5', authReservedConcurrency: 'none' } });
    expect(resourcesOfType([custom.user], 'Custom::RouteThrottling')[0]?.properties).toMatchObject({ RateLimit: '5', BurstLimit: '10' });
    const reserved = resourcesOfType([custom.user], 'AWS::Lambda::Function').filter((fn) => fn.properties.ReservedConcurrentExecutions !== undefined);
    expect(reserved).toEqual([]);
  });
});

describe('the payment simulator', () => {
  it('is never deployed by default: synth fails with what to do', () => {
    const app = new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [] } });
    expect(() => buildShop(app)).toThrow(/-c paymentProvider=simulator/);
  });

  it('is deployed when a deployment asks for it by name', () => {
    expect(resourcesOfType([stacks.payment], 'AWS::Lambda::Function').length).toBeGreaterThan(0);
  });
});
