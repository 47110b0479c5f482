import { Duration } from 'aws-cdk-lib';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { minimumReceiveCount } from '../policy/shop-checks';
import { DeadLetterQueue } from './dead-letter-queue';

export interface ServiceQueueProps {
  /** The function that consumes the queue; the queue's visibility timeout follows its timeout. */
  readonly consumer: LambdaFunction;
  /** @default 10 */
  readonly batchSize?: number;
  /**
   * Receives before a message moves to the dead-letter queue: at least five, as AWS advises, because a
   * receive whose invocation Lambda throttled counts too (our rule pack checks it).
   * @default 5
   */
  readonly maxReceiveCount?: number;
}

/** AWS's advice for an SQS event source: a visibility timeout of six times the function timeout. */
const visibilityTimeoutFactor = 6;

/**
 * A queue that one function of the same service consumes, with the defaults every such queue shares:
 * a dead-letter queue after a few receives, a visibility timeout that outlasts the consumer, SQS
 * managed encryption, TLS only, and an event source mapping with partial batch responses.
 */
export class ServiceQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: ServiceQueueProps) {
    super(scope, id);
    const consumerTimeout = props.consumer.timeout ?? Duration.seconds(3);
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetters');
    this.queue = new Queue(this, 'Queue', {
      visibilityTimeout: Duration.seconds(consumerTimeout.toSeconds() * visibilityTimeoutFactor),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount ?? minimumReceiveCount },
    });
    props.consumer.addEventSource(
      new SqsEventSource(this.queue, { batchSize: props.batchSize ?? 10, reportBatchItemFailures: true }),
    );
  }
}
