import { App } from 'aws-cdk-lib';
import { ConformanceStack } from './conformance-stack';

/** The local runtime's conformance app; the test passes its public signing key as context. */
const app = new App();
new ConformanceStack(app, 'Conformance', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  publicJwk: String(app.node.getContext('conformancePublicJwk')),
});
