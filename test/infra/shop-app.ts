import { App } from 'aws-cdk-lib';
import { buildShop } from '../../lib/shop-app';

/** The whole app as `cdk synth` builds it, without esbuild bundling (about 4x faster) unless asked. */
export const synthShop = (options: { bundle?: boolean; context?: Record<string, unknown> } = {}) => {
  const app = new App({
    builtinCloudFormationValidation: false,
    context: {
      adminEmails: ['admin@example.test'],
      ...(options.bundle ? { 'aws:cdk:enable-asset-metadata': true } : { 'aws:cdk:bundling-stacks': [] }),
      ...options.context,
    },
  });
  return { app, stacks: buildShop(app) };
};
