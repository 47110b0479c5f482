import { Duration, Validations } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnRotationSchedule, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { partitions } from '../../functions/user/table-layout';
import { grantItems, grantSecretValue } from '../constructs/least-privilege';
import { ServiceTable } from '../constructs/service-table';
import { tokenAudience } from '../platform/platform-contract';
import type { RouteThrottle } from '../platform/route-throttling';
import { ServiceStack, type ServiceStackProps } from './service-stack';

export interface UserServiceStackProps extends ServiceStackProps {
  /** The rate limit of `/auth/*` at the API stage, per route. */
  readonly authThrottle: RouteThrottle;
  /** Concurrency reserved for (and capping) each of the register and login functions; none if undefined. */
  readonly authReservedConcurrency?: number;
}

/** How long an access token lives: also how long a revoked role lives on (docs/decisions/0020-operator-made-admins.md). */
const accessTokenLifetime = Duration.minutes(15);

/**
 * Authentication and profiles: registration, login (RS256 access tokens), the OpenID discovery
 * document and JWKS the gateway verifies tokens with, `/users/me`, and the admins' role changes.
 */
export class UserServiceStack extends ServiceStack {
  constructor(scope: Construct, id: string, props: UserServiceStackProps) {
    super(scope, id, props, 'user');

    const table = new ServiceTable(this, 'Users', { deletionProtection: props.deletionProtection });

    // The private signing keys live only in this secret, their public halves in the next one; the
    // rotation function makes the keys on the first deployment, replaces them every 90 days, and
    // writes both. Only the login function reads the private keys.
    const signingKey = new Secret(this, 'TokenSigningKey', {
      description: 'RSA keys that sign access tokens (private JWK set); written only by its rotation function',
    });
    const verificationKeys = new Secret(this, 'TokenVerificationKeys', {
      description: 'The public halves of the token signing keys (the JWKS); written only by the signing keys\' rotation function',
    });
    Validations.of(verificationKeys).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Public keys, not a credential: the signing keys\' rotation function replaces them at every rotation of TokenSigningKey.',
    });

    const rotateSigningKey = this.serviceFunction('RotateSigningKey', 'rotate-signing-key.ts', {
      description: 'Rotates the token signing keys (Secrets Manager rotation) and publishes their public halves',
      timeout: Duration.seconds(30),
      environment: { VERIFICATION_KEYS_SECRET_ID: verificationKeys.secretArn },
    });
    rotateSigningKey.addToRolePolicy(
      new PolicyStatement({
        actions: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'],
        resources: [signingKey.secretArn],
      }),
    );
    rotateSigningKey.addToRolePolicy(new PolicyStatement({ actions: ['secretsmanager:PutSecretValue'], resources: [verificationKeys.secretArn] }));
    // The schedule at the CloudFormation level: the CDK's adds secretsmanager:GetRandomPassword on `*`, which this function never sends.
    rotateSigningKey.addPermission('InvokedBySecretsManager', {
      principal: new ServicePrincipal('secretsmanager.amazonaws.com'),
      sourceArn: signingKey.secretArn,
    });
    const rotation = new CfnRotationSchedule(this, 'TokenSigningKeyRotation', {
      secretId: signingKey.secretArn,
      rotationLambdaArn: rotateSigningKey.functionArn,
      rotationRules: { scheduleExpression: 'rate(90 days)' },
    });
    rotation.node.addDependency(rotateSigningKey); // its policy and its permission too

    const tableName = { TABLE_NAME: table.tableName };
    const tokens = {
      TOKEN_ISSUER: this.api.url,
      TOKEN_AUDIENCE: tokenAudience,
      TOKEN_TTL_SECONDS: String(accessTokenLifetime.toSeconds()),
    };
    // scrypt is memory- and CPU-hungry: more memory buys a proportionally faster CPU on Lambda. A flood
    // of sign-ups or logins stops at its reserved concurrency, and leaves the rest of the account's to the saga.
    const authFunction = { memorySize: 1024, reservedConcurrency: props.authReservedConcurrency };

    const register = this.serviceFunction('Register', 'register.ts', { environment: tableName, ...authFunction });
    const login = this.serviceFunction('Login', 'login.ts', {
      environment: { ...tableName, ...tokens, SIGNING_KEY_SECRET_ID: signingKey.secretArn },
      ...authFunction,
    });
    const openIdConfiguration = this.serviceFunction('OpenIdConfiguration', 'openid-configuration.ts', { environment: tokens });
    const jwks = this.serviceFunction('Jwks', 'jwks.ts', { environment: { VERIFICATION_KEYS_SECRET_ID: verificationKeys.secretArn } });
    const getMe = this.serviceFunction('GetMe', 'get-me.ts', { environment: tableName });
    const updateMe = this.serviceFunction('UpdateMe', 'update-me.ts', { environment: tableName });
    const setRoles = this.serviceFunction('SetRoles', 'set-roles.ts', { environment: tableName });

    // Each function touches the item kinds it needs (functions/user/table-layout.ts), and no other.
    grantItems(register, table, { actions: ['PutItem'], partitions: [partitions.profile, partitions.credential] });
    grantItems(login, table, { actions: ['GetItem'], partitions: [partitions.loginAttempts, partitions.credential, partitions.profile] });
    grantItems(login, table, { actions: ['PutItem', 'DeleteItem'], partitions: [partitions.loginAttempts] });
    grantSecretValue(login, signingKey);
    grantSecretValue(jwks, verificationKeys);
    grantItems(getMe, table, { actions: ['GetItem'], partitions: [partitions.profile] });
    grantItems(updateMe, table, { actions: ['UpdateItem'], partitions: [partitions.profile] });
    grantItems(setRoles, table, { actions: ['UpdateItem'], partitions: [partitions.profile] });

    this.api.addRoute({ method: HttpMethod.POST, path: '/auth/register', handler: register, access: 'public', throttle: props.authThrottle });
    this.api.addRoute({ method: HttpMethod.POST, path: '/auth/login', handler: login, access: 'public', throttle: props.authThrottle });
    this.api.addRoute({
      method: HttpMethod.GET,
      path: '/.well-known/openid-configuration',
      handler: openIdConfiguration,
      access: 'public',
    });
    this.api.addRoute({ method: HttpMethod.GET, path: '/.well-known/jwks.json', handler: jwks, access: 'public' });
    this.api.addRoute({ method: HttpMethod.GET, path: '/users/me', handler: getMe, access: 'authenticated' });
    this.api.addRoute({ method: HttpMethod.PATCH, path: '/users/me', handler: updateMe, access: 'authenticated' });
    this.api.addRoute({ method: HttpMethod.PUT, path: '/users/{userId}/roles', handler: setRoles, access: 'admin' });
  }
}
