import { Duration } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { UserService } from '../../functions/shared/gen/shop/v1/user_pb';
import { ServiceTable } from '../constructs/service-table';
import { tokenAudience } from '../platform/platform-contract';
import { ServiceStack, type ServiceStackProps } from './service-stack';

export interface UserServiceStackProps extends ServiceStackProps {
  /** Users with these emails get the `admin` role. */
  readonly adminEmails: string[];
}

/**
 * Authentication and profiles: registration, login (RS256 access tokens), the OpenID discovery
 * document and JWKS the gateway verifies tokens with, and `/users/me`.
 */
export class UserServiceStack extends ServiceStack {
  constructor(scope: Construct, id: string, props: UserServiceStackProps) {
    super(scope, id, props, 'user');

    const table = new ServiceTable(this, 'Users', { deletionProtection: props.deletionProtection });

    // The private signing key lives only in this secret. The rotation function generates it on the
    // first deployment and replaces it every 90 days; the JWKS keeps publishing the replaced keys.
    const signingKey = new Secret(this, 'TokenSigningKey', {
      description: 'RSA keys that sign access tokens (JWK set); written only by its rotation function',
    });
    const rotateSigningKey = this.serviceFunction('RotateSigningKey', 'rotate-signing-key.ts', {
      description: 'Rotates the token signing key (Secrets Manager rotation)',
      timeout: Duration.seconds(30),
    });
    signingKey.grantRead(rotateSigningKey);
    signingKey.grantWrite(rotateSigningKey);
    signingKey.addRotationSchedule('Rotation', {
      rotationLambda: rotateSigningKey,
      automaticallyAfter: Duration.days(90),
    });

    const environment = {
      TABLE_NAME: table.tableName,
      SIGNING_KEY_SECRET_ID: signingKey.secretArn,
      TOKEN_ISSUER: this.api.url,
      TOKEN_AUDIENCE: tokenAudience,
      TOKEN_TTL_SECONDS: '3600',
      ADMIN_EMAILS: props.adminEmails.join(','),
    };
    // scrypt is memory- and CPU-hungry: more memory buys a proportionally faster CPU on Lambda.
    const passwordHashing = { memorySize: 1024 };

    const register = this.serviceFunction('Register', 'register.ts', { environment, ...passwordHashing });
    const login = this.serviceFunction('Login', 'login.ts', { environment, ...passwordHashing });
    const openIdConfiguration = this.serviceFunction('OpenIdConfiguration', 'openid-configuration.ts', { environment });
    const jwks = this.serviceFunction('Jwks', 'jwks.ts', { environment });
    const getMe = this.serviceFunction('GetMe', 'get-me.ts', { environment });
    const updateMe = this.serviceFunction('UpdateMe', 'update-me.ts', { environment });

    table.grantReadWriteData(register);
    table.grantReadData(login);
    table.grantReadData(getMe);
    table.grantReadWriteData(updateMe);
    signingKey.grantRead(login);
    signingKey.grantRead(jwks);

    this.api.addRoute({ method: HttpMethod.POST, path: '/auth/register', handler: register, access: 'public' });
    this.api.addRoute({ method: HttpMethod.POST, path: '/auth/login', handler: login, access: 'public' });
    this.api.addRoute({
      method: HttpMethod.GET,
      path: '/.well-known/openid-configuration',
      handler: openIdConfiguration,
      access: 'public',
    });
    this.api.addRoute({ method: HttpMethod.GET, path: '/.well-known/jwks.json', handler: jwks, access: 'public' });
    this.api.addRoute({ method: HttpMethod.GET, path: '/users/me', handler: getMe, access: 'authenticated' });
    this.api.addRoute({ method: HttpMethod.PATCH, path: '/users/me', handler: updateMe, access: 'authenticated' });

    // The API's OpenAPI description (docs/openapi.json) and a reference page rendered from it, public like the token verification documents.
    const openApiDocument = this.serviceFunction('OpenApiDocument', 'openapi-document.ts', { environment: { API_URL: this.api.url } });
    this.api.addRoute({ method: HttpMethod.GET, path: '/openapi.json', handler: openApiDocument, access: 'public' });
    const apiReference = this.serviceFunction('ApiReference', 'api-reference.ts');
    this.api.addRoute({ method: HttpMethod.GET, path: '/docs', handler: apiReference, access: 'public' });

    // shop.v1.UserService for Connect and gRPC-Web clients.
    const getUserRpc = this.serviceFunction('GetUserRpc', 'get-user-rpc.ts', { environment });
    table.grantReadData(getUserRpc);
    this.api.addRpcRoute(UserService.method.getUser, getUserRpc);
  }
}
