import { Match, Template } from 'aws-cdk-lib/assertions';
import { synthShop } from './shop-app';
import { resourcesOfType } from './templates';

const { stacks } = synthShop();
const all = Object.values(stacks);
const services = [stacks.user, stacks.order, stacks.inventory, stacks.payment];

const publicRoutes = [
  'POST /auth/register',
  'POST /auth/login',
  'GET /.well-known/openid-configuration',
  'GET /.well-known/jwks.json',
];

describe('routes', () => {
  const routes = resourcesOfType(all, 'AWS::ApiGatewayV2::Route');

  it('exist for every User service endpoint', () => {
    expect(routes.map((route) => route.properties.RouteKey).sort()).toEqual(
      expect.arrayContaining([...publicRoutes, 'GET /users/me', 'PATCH /users/me']),
    );
  });

  it('are public only for sign-up, login and the token verification documents', () => {
    const open = routes.filter((route) => route.properties.AuthorizationType !== 'JWT');
    expect(open.map((route) => route.properties.RouteKey).sort()).toEqual([...publicRoutes].sort());
    for (const route of open) expect(route.properties.AuthorizationType).toBe('NONE');
  });

  it('require the platform JWT authorizer everywhere else', () => {
    for (const route of routes.filter((r) => !publicRoutes.includes(r.properties.RouteKey))) {
      expect(route.properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: expect.stringMatching(/jwtauthorizerid/i) } });
    }
  });
});

describe('the platform', () => {
  const template = Template.fromStack(stacks.platform);

  it('trusts tokens whose issuer is the API itself, for the shop audience', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: ['shop-api'],
        Issuer: { 'Fn::GetAtt': [Match.stringLikeRegexp('^HttpApi'), 'ApiEndpoint'] },
      },
    });
  });

  it('logs every request and throttles the stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AccessLogs'), 'Arn'] } },
      DefaultRouteSettings: { ThrottlingBurstLimit: 1000, ThrottlingRateLimit: 500 },
    });
  });
});

describe('functions', () => {
  const functions = resourcesOfType(all, 'AWS::Lambda::Function');

  it('exist', () => expect(functions.length).toBeGreaterThanOrEqual(7));

  it.each(functions.map((fn) => [`${fn.stack.stackName}/${fn.logicalId}`, fn]))(
    '%s runs Node.js 22 on arm64, traced, logging JSON to its own log group (/shop/...) with retention, metrics in the Shop namespace, without loading its source map at start',
    (_name, fn) => {
      expect(fn.properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: expect.any(String) } },
        Environment: { Variables: { POWERTOOLS_SERVICE_NAME: expect.any(String), POWERTOOLS_METRICS_NAMESPACE: 'Shop' } },
      });
      // --enable-source-maps would parse the 3-4 MB map at every cold start (docs/decisions/0016-no-source-maps-at-runtime.md).
      expect(fn.properties.Environment.Variables.NODE_OPTIONS ?? '').not.toContain('--enable-source-maps');
      const logGroup = fn.resources[fn.properties.LoggingConfig.LogGroup.Ref];
      expect(logGroup?.Type).toBe('AWS::Logs::LogGroup');
      expect(logGroup?.Properties?.RetentionInDays).toBeGreaterThan(0);
      // The prefix docs/queries/follow-one-order.logsinsights selects.
      expect(logGroup?.Properties?.LogGroupName).toMatch(new RegExp(`^/shop/${fn.stack.stackName}/`));
    },
  );

  it('use roles without AWS managed policies', () => {
    for (const role of resourcesOfType(all, 'AWS::IAM::Role')) expect(role.properties.ManagedPolicyArns).toBeUndefined();
  });
});

describe('tables', () => {
  it('are on demand, recoverable to a point in time, with TTL, and protected from deletion by default', () => {
    const tables = resourcesOfType(all, 'AWS::DynamoDB::Table');
    expect(tables.length).toBeGreaterThanOrEqual(1);
    for (const table of tables) {
      expect(table.properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        DeletionProtectionEnabled: true,
      });
    }
  });

  it('can be left unprotected for throwaway deployments', () => {
    const { stacks: unprotected } = synthShop({ context: { deletionProtection: 'false' } });
    Template.fromStack(unprotected.user).hasResource('AWS::DynamoDB::Table', {
      Properties: { DeletionProtectionEnabled: false },
      DeletionPolicy: 'Delete',
    });
  });
});

describe('stack independence', () => {
  it('services find the platform through SSM parameters, not exports', () => {
    for (const stack of services) {
      const template = JSON.stringify(Template.fromStack(stack).toJSON());
      expect(template).not.toContain('Fn::ImportValue');
    }
    const parameters = Template.fromStack(stacks.user).toJSON().Parameters as Record<string, { Type: string; Default: string }>;
    expect(Object.values(parameters).map((parameter) => parameter.Default)).toEqual(
      expect.arrayContaining(['/shop/platform/http-api-id', '/shop/platform/http-api-url', '/shop/platform/jwt-authorizer-id']),
    );
  });
});

describe('the token signing key', () => {
  const template = Template.fromStack(stacks.user);

  it('is generated and rotated inside AWS: no key material in the template', () => {
    const secrets = resourcesOfType([stacks.user], 'AWS::SecretsManager::Secret');
    expect(secrets.map((secret) => secret.logicalId).sort()).toEqual([
      expect.stringMatching(/^TokenSigningKey/),
      expect.stringMatching(/^TokenVerificationKeys/),
    ]);
    for (const secret of secrets) expect(secret.properties.SecretString).toBeUndefined();
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      RotationLambdaARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RotateSigningKey'), 'Arn'] },
      RotationRules: { ScheduleExpression: 'rate(90 days)' },
    });
  });

  it('is never handed to a function in its environment', () => {
    for (const fn of resourcesOfType([stacks.user], 'AWS::Lambda::Function')) {
      const variables = JSON.stringify(fn.properties.Environment?.Variables ?? {});
      expect(variables).not.toMatch(/SecretString|"d":/);
    }
  });
});
