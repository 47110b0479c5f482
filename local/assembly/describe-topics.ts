import type { SubscriptionSpec, TopicSpec } from './app-model';
import type { TemplateResolver } from './intrinsics';
import { describeOrWarn, isTrue, jsonProperty, resourcesOfType } from './template-resources';

/** SNS topics and their subscriptions (`AWS::SNS::Topic` with inline `Subscription`s, `AWS::SNS::Subscription`). */
export const describeTopics = (resolver: TemplateResolver, warnings: string[]): { topics: TopicSpec[]; subscriptions: SubscriptionSpec[] } => {
  const topics: TopicSpec[] = [];
  const subscriptions: SubscriptionSpec[] = [];
  for (const topic of resourcesOfType(resolver, 'AWS::SNS::Topic')) {
    describeOrWarn(warnings, topic.displayName, () => {
      const arn = topic.attribute('TopicArn');
      topics.push({ key: topic.key, name: topic.attribute('TopicName'), arn, fifo: isTrue(topic.property('FifoTopic')) });
      const inline = (topic.property('Subscription') as { Protocol: string; Endpoint: string }[] | undefined) ?? [];
      inline.forEach((subscription, index) =>
        subscriptions.push({
          key: `${topic.key}#${index}`,
          arn: `${arn}:inline-${index}`,
          topicArn: arn,
          protocol: subscription.Protocol,
          endpoint: subscription.Endpoint,
          rawMessageDelivery: false,
          filterPolicyScope: 'MessageAttributes',
        }),
      );
    });
  }
  for (const subscription of resourcesOfType(resolver, 'AWS::SNS::Subscription')) {
    describeOrWarn(warnings, subscription.displayName, () => {
      const redrive = jsonProperty(subscription.property('RedrivePolicy')) as { deadLetterTargetArn?: string } | undefined;
      const protocol = String(subscription.property('Protocol'));
      if (protocol !== 'lambda' && protocol !== 'sqs') warnings.push(`${subscription.displayName}: ${protocol} subscriptions are not delivered locally (only lambda and sqs)`);
      subscriptions.push({
        key: subscription.key,
        arn: subscription.ref(),
        topicArn: String(subscription.property('TopicArn')),
        protocol,
        endpoint: String(subscription.property('Endpoint')),
        rawMessageDelivery: isTrue(subscription.property('RawMessageDelivery')),
        filterPolicy: jsonProperty(subscription.property('FilterPolicy')) as Record<string, unknown> | undefined,
        filterPolicyScope: subscription.property('FilterPolicyScope') === 'MessageBody' ? 'MessageBody' : 'MessageAttributes',
        deadLetterArn: redrive?.deadLetterTargetArn,
      });
    });
  }
  return { topics, subscriptions };
};
