import type { TargetSpec } from '../assembly/app-model';
import { accountOfArn } from '../front-door/callers';
import type { LocalIam } from '../iam/local-iam';
import type { AsyncInvoker, QueueMessageAttribute, QueueSender } from '../lambda/async-invoker';

export interface DeliveryContext {
  readonly iam: LocalIam;
  readonly asyncInvoker: AsyncInvoker;
  readonly sendToQueue: QueueSender;
  readonly onWarning: (message: string) => void;
  /** Waits between delivery attempts, doubling from this. @default 1000 */
  readonly firstRetryDelayMs?: number;
}

/** Who delivers: a service principal on behalf of a rule, topic or schedule (`sourceArn`), or a role a schedule assumes. */
export interface Deliverer {
  readonly principalArn: string;
  readonly sourceArn: string;
  /** For the log: `rule orders-placed`. */
  readonly description: string;
}

const context = (deliverer: Deliverer): Record<string, string> =>
  deliverer.principalArn.endsWith('.amazonaws.com')
    ? { 'aws:SourceArn': deliverer.sourceArn, 'aws:SourceAccount': accountOfArn(deliverer.sourceArn) }
    : {};

const maxRetryDelayMs = 60_000;

/**
 * Delivers an event (JSON text) to a Lambda function (an asynchronous invocation) or an SQS queue, as
 * EventBridge, Scheduler and SNS do: the target's resource policy (or the assumed role's policies) must
 * allow it; a failed send is retried with growing delays within the target's retry policy; what cannot
 * be delivered goes to the target's dead-letter queue, with the error, or is dropped with a warning.
 */
export const deliverToTarget = async (
  delivery: DeliveryContext,
  target: TargetSpec,
  body: string,
  deliverer: Deliverer,
  /** For an SQS target: the message's attributes and deduplication id. */
  message: { readonly attributes?: Record<string, QueueMessageAttribute>; readonly deduplicationId?: string } = {},
): Promise<void> => {
  const action = target.kind === 'lambda' ? 'lambda:InvokeFunction' : 'sqs:SendMessage';
  const decision = await delivery.iam.authorize({ principalArn: deliverer.principalArn, action, resource: target.arn, context: context(deliverer) });
  if (!decision.allowed) {
    delivery.onWarning(`IAM denied the ${deliverer.description}'s delivery to ${target.arn}: ${decision.explanation}`);
    return deadLetter(delivery, target, body, deliverer, 'AccessDenied', decision.message);
  }
  if (target.kind === 'lambda') {
    delivery.asyncInvoker.invoke(target.arn, JSON.parse(body));
    return;
  }
  const deadline = Date.now() + target.maximumEventAgeSeconds * 1000;
  let delay = delivery.firstRetryDelayMs ?? 1000;
  for (let attempt = 0; ; attempt++) {
    try {
      await delivery.sendToQueue(target.arn, body, { ...message, messageGroupId: target.messageGroupId });
      return;
    } catch (error) {
      if (attempt >= target.maximumRetryAttempts || Date.now() + delay > deadline) {
        delivery.onWarning(`The ${deliverer.description} could not deliver to ${target.arn}: ${(error as Error).message}`);
        return deadLetter(delivery, target, body, deliverer, 'SQSError', (error as Error).message);
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, maxRetryDelayMs);
    }
  }
};

/** EventBridge's dead-letter message: the event, with the error and the rule and target as attributes. */
const deadLetter = async (delivery: DeliveryContext, target: TargetSpec, body: string, deliverer: Deliverer, code: string, message: string) => {
  if (!target.deadLetterArn) return;
  await delivery
    .sendToQueue(target.deadLetterArn, body, {
      attributes: { ERROR_CODE: code, ERROR_MESSAGE: message.slice(0, 256), RULE_ARN: deliverer.sourceArn, TARGET_ARN: target.arn },
    })
    .catch((error: Error) => delivery.onWarning(`The ${deliverer.description} could not reach its dead-letter queue ${target.deadLetterArn}: ${error.message}`));
};
