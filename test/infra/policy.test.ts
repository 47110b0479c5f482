import { Stack } from 'aws-cdk-lib';
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
});
