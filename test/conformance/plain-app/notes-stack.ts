import * as path from 'node:path';
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export const allowedOrigin = 'https://notes.example';

/**
 * Notes behind a REST API with Lambda authorizers, Function URLs, functions on each Node.js runtime, and
 * an SNS topic and an EventBridge bus that a function publishes to.
 * Every NodejsFunction keeps the default bundling options, so @aws-sdk/* is left out of the bundles:
 * the Lambda runtime provides it.
 */
export class NotesStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const handler = (name: string, file: string, runtime = lambda.Runtime.NODEJS_22_X, props: nodejs.NodejsFunctionProps = {}) =>
      new nodejs.NodejsFunction(this, name, { entry: path.join(__dirname, 'handlers', file), runtime, ...props });

    const table = new dynamodb.TableV2(this, 'Notes', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    });
    const notesFunction = handler('NotesFunction', 'notes.ts');
    notesFunction.addEnvironment('TABLE_NAME', table.tableName);
    table.grantReadWriteData(notesFunction);

    const api = new apigateway.RestApi(this, 'NotesApi', {
      defaultCorsPreflightOptions: { allowOrigins: [allowedOrigin], allowMethods: ['GET', 'PUT'] },
      binaryMediaTypes: ['image/png'],
    });
    const tokenAuthorizerFunction = handler('TokenAuthorizerFunction', 'token-authorizer.ts');
    const tokenAuthorizer = new apigateway.TokenAuthorizer(this, 'TokenAuthorizer', {
      handler: tokenAuthorizerFunction,
      validationRegex: '^Bearer [a-z0-9-]+$',
      resultsCacheTtl: Duration.minutes(5),
    });
    const requestAuthorizer = new apigateway.RequestAuthorizer(this, 'RequestAuthorizer', {
      handler: handler('RequestAuthorizerFunction', 'request-authorizer.ts'),
      identitySources: [apigateway.IdentitySource.header('x-tenant'), apigateway.IdentitySource.queryString('key')],
      resultsCacheTtl: Duration.seconds(0),
    });

    const notesIntegration = new apigateway.LambdaIntegration(notesFunction);
    const notes = api.root.addResource('notes');
    notes.addMethod('GET', notesIntegration, { authorizer: tokenAuthorizer });
    const note = notes.addResource('{id}');
    note.addMethod('GET', notesIntegration, { authorizer: tokenAuthorizer });
    note.addMethod('PUT', notesIntegration, { authorizer: tokenAuthorizer });

    const echoFunction = handler('EchoFunction', 'echo.ts');
    const echo = new apigateway.LambdaIntegration(echoFunction);
    api.root.addResource('echo').addResource('{proxy+}').addMethod('ANY', echo);
    api.root.addResource('tenant').addMethod('GET', echo, { authorizer: requestAuthorizer });
    api.root.addResource('whoami').addMethod('GET', echo, { authorizer: tokenAuthorizer });

    const versionOn20 = handler('VersionOn20', 'version.ts', lambda.Runtime.NODEJS_20_X);
    const versionOn24 = handler('VersionOn24', 'version.ts', lambda.Runtime.NODEJS_24_X);
    api.root.addResource('node20').addMethod('GET', new apigateway.LambdaIntegration(versionOn20));
    api.root.addResource('node24').addMethod('GET', new apigateway.LambdaIntegration(versionOn24));
    // A function that bundles its own SDK instead of using the runtime's.
    const ownSdk = handler('OwnSdkVersion', 'version.ts', lambda.Runtime.NODEJS_22_X, { bundling: { externalModules: [] } });
    api.root.addResource('own-sdk').addMethod('GET', new apigateway.LambdaIntegration(ownSdk));

    const publicUrl = versionOn24.addFunctionUrl({
      authType: lambda.FunctionUrlAuthType.NONE,
      cors: { allowedOrigins: [allowedOrigin], allowedMethods: [lambda.HttpMethod.GET], maxAge: Duration.minutes(5) },
    });
    echoFunction.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    const privateEcho = handler('PrivateEcho', 'echo.ts');
    const privateUrl = privateEcho.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });

    // Functions that call the AWS_IAM URL with their own credentials: one granted, one not.
    const callers = api.root.addResource('call-private');
    for (const [name, granted] of [['granted', true], ['not-granted', false]] as const) {
      const caller = handler(granted ? 'UrlCaller' : 'UngrantedUrlCaller', 'url-caller.ts', lambda.Runtime.NODEJS_22_X, { environment: { PRIVATE_URL: privateUrl.url } });
      if (granted) privateEcho.grantInvokeUrl(caller);
      callers.addResource(name).addMethod('GET', new apigateway.LambdaIntegration(caller));
    }

    // A function that is told where the others are, as an app passes URLs around.
    const links = handler('LinksFunction', 'links.ts');
    links.addEnvironment('API_URL', api.url);
    links.addEnvironment('PUBLIC_URL', publicUrl.url);
    links.addEnvironment('PRIVATE_URL', privateUrl.url);
    api.root.addResource('links').addMethod('GET', new apigateway.LambdaIntegration(links));
    // A public URL whose function's resource policy does not let anyone call it: AWS answers 403.
    new lambda.CfnUrl(this, 'UnpublishedUrl', { targetFunctionArn: links.functionArn, authType: 'NONE' });

    const topic = new sns.Topic(this, 'NoteEvents');
    topic.addSubscription(new subscriptions.LambdaSubscription(handler('NoteEventsSubscriber', 'echo.ts')));
    topic.addSubscription(new subscriptions.SqsSubscription(new sqs.Queue(this, 'NoteEventsQueue')));
    const bus = new events.EventBus(this, 'NotesBus');
    new events.Rule(this, 'NoteCreated', { eventBus: bus, eventPattern: { source: ['notes'], detailType: ['NoteCreated'] } }).addTarget(
      new targets.LambdaFunction(handler('NoteCreatedConsumer', 'echo.ts')),
    );
    // Publishes to the topic and puts an event on the bus, with the SDK Lambda's runtime provides.
    const publisher = handler('NotePublisher', 'publisher.ts', lambda.Runtime.NODEJS_22_X, { environment: { TOPIC_ARN: topic.topicArn, BUS_NAME: bus.eventBusName } });
    topic.grantPublish(publisher);
    bus.grantPutEventsTo(publisher);
    api.root.addResource('note-events').addMethod('POST', new apigateway.LambdaIntegration(publisher));

    // Methods whose function does not let API Gateway invoke it: a raw Lambda proxy integration, and a
    // second authorizer on the TOKEN authorizer's function (its permission names the first one only).
    const unpermitted = new apigateway.Integration({
      type: apigateway.IntegrationType.AWS_PROXY,
      integrationHttpMethod: 'POST',
      uri: `arn:aws:apigateway:${this.region}:lambda:path/2015-03-31/functions/${echoFunction.functionArn}/invocations`,
    });
    api.root.addResource('unpermitted').addMethod('GET', unpermitted);
    const unpermittedAuthorizer = new apigateway.CfnAuthorizer(this, 'UnpermittedAuthorizer', {
      restApiId: api.restApiId,
      name: 'unpermitted',
      type: 'TOKEN',
      identitySource: 'method.request.header.Authorization',
      authorizerUri: `arn:aws:apigateway:${this.region}:lambda:path/2015-03-31/functions/${tokenAuthorizerFunction.functionArn}/invocations`,
    });
    api.root.addResource('unpermitted-authorizer').addMethod('GET', echo, {
      authorizer: { authorizerId: unpermittedAuthorizer.ref, authorizationType: apigateway.AuthorizationType.CUSTOM },
    });
  }
}
