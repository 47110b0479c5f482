import { ArnPrincipal, type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type IQueue, Queue } from 'aws-cdk-lib/aws-sqs';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';

/*
 * A service that takes requests on a queue publishes the queue's address, and its consumer's role, as
 * SSM parameters; a service that sends to it reads them at deploy time. Services deploy on their own,
 * and only the requester depends on the receiver: answers go to a return address in each request
 * (see docs/decisions/0011-queue-ownership-and-return-addresses.md).
 */
const parameterName = (queueName: string, attribute: 'url' | 'arn' | 'consumer-role-arn') => `/shop/queues/${queueName}/${attribute}`;

/** Publishes where `queue` takes requests and who consumes them. */
export const publishQueueAddress = (scope: Construct, queueName: string, queue: IQueue, consumerRole: IRole): void => {
  const id = queueName.replace(/[^A-Za-z0-9]/g, '');
  new StringParameter(scope, `${id}QueueUrl`, { parameterName: parameterName(queueName, 'url'), stringValue: queue.queueUrl });
  new StringParameter(scope, `${id}QueueArn`, { parameterName: parameterName(queueName, 'arn'), stringValue: queue.queueArn });
  new StringParameter(scope, `${id}ConsumerRoleArn`, {
    parameterName: parameterName(queueName, 'consumer-role-arn'),
    stringValue: consumerRole.roleArn,
  });
};

export interface QueueAddress {
  readonly queue: IQueue;
  /** The role of the function that consumes the queue: the one that sends the answers. */
  readonly consumerRoleArn: string;
}

/** Another service's request queue, found through its published address. */
export const importQueueAddress = (scope: Construct, id: string, queueName: string): QueueAddress => ({
  queue: Queue.fromQueueAttributes(scope, id, {
    queueArn: StringParameter.valueForStringParameter(scope, parameterName(queueName, 'arn')),
    queueUrl: StringParameter.valueForStringParameter(scope, parameterName(queueName, 'url')),
  }),
  consumerRoleArn: StringParameter.valueForStringParameter(scope, parameterName(queueName, 'consumer-role-arn')),
});

/** Lets the consumer of another service's request queue send its answers to `replyQueue`. */
export const allowAnswersFrom = (replyQueue: Queue, requests: QueueAddress): void => {
  replyQueue.addToResourcePolicy(
    new PolicyStatement({
      principals: [new ArnPrincipal(requests.consumerRoleArn)],
      actions: ['sqs:SendMessage'],
      resources: [replyQueue.queueArn],
    }),
  );
};
