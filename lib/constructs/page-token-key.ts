import { Validations } from 'aws-cdk-lib';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { grantSecretValue } from './least-privilege';

/**
 * The key a service signs its page tokens with (functions/shared/page-token-seal.ts): random, made by
 * Secrets Manager at deployment, read only by the service's listing functions.
 */
export class PageTokenKey extends Construct {
  private readonly secret: Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description: 'HMAC key of the page tokens this service issues',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Signs page cursors only; a new key would just turn the cursors in flight into 400s. Replace it by hand if it leaks.',
    });
  }

  /** Lets a listing function sign and check its page tokens. */
  grantSigning(fn: LambdaFunction): void {
    fn.addEnvironment('PAGE_TOKEN_SECRET_ID', this.secret.secretArn);
    grantSecretValue(fn, this.secret);
  }
}
