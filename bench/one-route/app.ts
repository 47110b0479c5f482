import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';

/**
 * One route, one function, no AWS resource: the app `npm run bench` runs here and with serverless-offline
 * (bench/serverless-offline/serverless.yml), on the same handler.
 */
const app = new App();
const stack = new Stack(app, 'OneRoute');
const hello = new NodejsFunction(stack, 'Hello', { entry: join(__dirname, 'handler.mjs'), runtime: Runtime.NODEJS_20_X });
new HttpApi(stack, 'Api').addRoutes({ path: '/hello', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('Hello', hello) });
