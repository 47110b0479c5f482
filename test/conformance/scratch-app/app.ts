import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';

/**
 * Two functions whose handlers a test writes and edits (in the directory the `scratchAppSources`
 * context names): the conformance app for reloading and for emulators started on demand. NodejsFunction with its default bundling,
 * as the CDK's docs write one.
 */
const app = new App();
const sources = String(app.node.getContext('scratchAppSources'));
const stack = new Stack(app, 'Scratch');
const api = new HttpApi(stack, 'Api');
for (const [name, file, route] of [
  ['Greeter', 'greeter.ts', '/greet'],
  ['Clock', 'clock.ts', '/clock'],
]) {
  const fn = new NodejsFunction(stack, name!, { entry: path.join(sources, file!), runtime: Runtime.NODEJS_20_X });
  api.addRoutes({ path: route!, methods: [HttpMethod.GET], integration: new HttpLambdaIntegration(name!, fn) });
}
