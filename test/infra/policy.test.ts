import { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { synthShop } from './shop-app';

describe('policy as code', () => {
  it('synthesizes the whole app with every cdk-nag finding resolved or acknowledged with a reason', () => {
    const { app } = synthShop();
    expect(() => app.synth()).not.toThrow();
  });

  it('fails synth on a finding nobody acknowledged', () => {
    const { app } = synthShop();
    new Bucket(new Stack(app, 'Careless'), 'OpenBucket');
    expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
  });

  it.each([
    ['a function whose only `*` is its X-Ray grant', 'UserService/Login'],
    ['a stream consumer whose ListStreams grant is on `*`', 'OrderService/PublishOutbox'],
  ])('fails synth on a new `*` grant to %s: wildcards are acknowledged per policy, never for a whole role', (_case, path) => {
    const { app } = synthShop();
    const fn = app.node.findAll().find((construct) => construct.node.path === path) as LambdaFunction;
    fn.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:GetItem'], resources: ['*'] }));
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM5\[Resource::\*\]/);
  });
});
