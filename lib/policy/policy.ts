import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ShopChecks } from './shop-checks';

/**
 * Policy as code, on every synth: the AWS Solutions rule pack and our own. A finding fails synth
 * unless it is acknowledged next to the construct it concerns, with a written reason.
 */
export const applyPolicy = (app: App): void => {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ShopChecks(app));
};
