import { Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { platformParameters } from '../platform/platform-contract';

export interface AlarmTopicProps {
  /** Addresses subscribed to every alarm (each confirms by the link SNS mails). @default none */
  readonly emails?: string[];
}

/**
 * The one SNS topic every alarm of every service notifies, on ALARM and back to OK. Service stacks
 * find it through an SSM parameter, so none of them depends on the platform stack's exports.
 */
export class AlarmTopic extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmTopicProps = {}) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'Shop alarms', enforceSSL: true });
    // The topic has a policy of its own (TLS only), which replaces the default one: let this account's alarms publish.
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    for (const email of props.emails ?? []) this.topic.addSubscription(new EmailSubscription(email));
    new StringParameter(this, 'ArnParameter', { parameterName: platformParameters.alarmTopicArn, stringValue: this.topic.topicArn });
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications name resources and states, no customer data; CloudWatch alarms cannot publish to a topic encrypted with the AWS managed SNS key, and a customer managed key costs more than it protects here.',
    });
  }
}

/** The platform's alarm topic, seen from a service stack. */
export const importAlarmTopic = (scope: Construct, id: string): ITopic =>
  Topic.fromTopicArn(scope, id, StringParameter.valueForStringParameter(scope, platformParameters.alarmTopicArn));
