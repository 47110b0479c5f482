import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * Where messages and records that could not be handled end up, for a person to look at and redrive:
 * kept 14 days (the SQS maximum), encrypted, TLS only.
 */
export class DeadLetterQueue extends Queue {
  constructor(scope: Construct, id: string, props: { forStream?: boolean } = {}) {
    super(scope, id, {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    if (props.forStream) {
      // cdk-nag knows dead-letter queues only from redrive policies, not from on-failure destinations.
      Validations.of(this).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is the on-failure destination of a stream event source mapping: it is itself the dead-letter queue.',
      });
    }
  }
}
