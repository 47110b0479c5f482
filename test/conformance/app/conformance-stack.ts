import * as path from 'node:path';
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnIntegration, CfnRoute, CorsHttpMethod, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer, HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AttributeType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Stream } from 'aws-cdk-lib/aws-kinesis';
import { Runtime, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, KinesisEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { addAwsAccess } from './aws-access';
import { addMessaging } from './messaging';

/** A function of the conformance app, its handler a file of test/conformance/handlers. */
export type FunctionFactory = (name: string, file: string, timeout?: Duration) => NodejsFunction;

export interface ConformanceStackProps extends StackProps {
  /** The public half of the test's token signing key (a JWK, as JSON). */
  readonly publicJwk: string;
}

export const tokenAudience = 'conformance';
export const allowedOrigin = 'https://app.example';

/**
 * A small app that exercises what the local runtime must do as AWS does: routes of every kind, a JWT
 * and a Lambda authorizer, integration and function timeouts, an SQS queue with a dead-letter queue,
 * Kinesis streams with bisection, retries and an on-failure queue, a table's DynamoDB stream, a function
 * whose AWS calls meet IAM (aws-access.ts), and SNS, EventBridge and schedules (messaging.ts). Short
 * timeouts keep tests fast.
 */
export class ConformanceStack extends Stack {
  constructor(scope: Construct, id: string, props: ConformanceStackProps) {
    super(scope, id, props);
    const fn: FunctionFactory = (name, file, timeout = Duration.seconds(5)) =>
      new NodejsFunction(this, name, {
        entry: path.join(__dirname, '../handlers', file),
        // The oldest Node.js the runtime supports, so the app runs the same on every machine that can run the runtime.
        runtime: Runtime.NODEJS_20_X,
        timeout,
        // The AWS SDK bundled, as the shop bundles it (the handlers that use it need no module Lambda provides).
        bundling: { minify: false, sourceMap: false, bundleAwsSDK: true },
      });

    const api = new HttpApi(this, 'Api', {
      corsPreflight: {
        allowOrigins: [allowedOrigin],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST],
        allowHeaders: ['authorization', 'content-type'],
        exposeHeaders: ['x-request-id'],
        maxAge: Duration.minutes(10),
      },
    });
    const echoFunction = fn('Echo', 'echo.ts');
    const echo = new HttpLambdaIntegration('Echo', echoFunction);
    api.addRoutes({ path: '/echo/{id}', methods: [HttpMethod.GET, HttpMethod.POST], integration: echo });
    api.addRoutes({ path: '/items/{proxy+}', methods: [HttpMethod.ANY], integration: echo });
    api.addRoutes({ path: '/items/special', methods: [HttpMethod.GET], integration: echo });
    api.addRoutes({ path: '/counter', methods: [HttpMethod.GET], integration: echo });

    // A route whose integration API Gateway may not invoke: written without the function's permission, as raw integrations often are.
    const unpermitted = new CfnIntegration(this, 'UnpermittedIntegration', {
      apiId: api.apiId,
      integrationType: 'AWS_PROXY',
      integrationUri: echoFunction.functionArn,
      payloadFormatVersion: '2.0',
    });
    new CfnRoute(this, 'UnpermittedRoute', { apiId: api.apiId, routeKey: 'GET /unpermitted', target: `integrations/${unpermitted.ref}` });

    // A second API whose `$default` route catches every request.
    new HttpApi(this, 'FallbackApi', { defaultIntegration: new HttpLambdaIntegration('FallbackEcho', echoFunction) });

    const oidc = fn('Oidc', 'oidc.ts');
    oidc.addEnvironment('ISSUER', api.apiEndpoint).addEnvironment('PUBLIC_JWK', props.publicJwk);
    const oidcIntegration = new HttpLambdaIntegration('Oidc', oidc);
    api.addRoutes({ path: '/.well-known/openid-configuration', methods: [HttpMethod.GET], integration: oidcIntegration });
    api.addRoutes({ path: '/.well-known/jwks.json', methods: [HttpMethod.GET], integration: oidcIntegration });

    const jwt = new HttpJwtAuthorizer('Jwt', api.apiEndpoint, { jwtAudience: [tokenAudience] });
    api.addRoutes({ path: '/protected', methods: [HttpMethod.GET], integration: echo, authorizer: jwt });
    api.addRoutes({ path: '/admin', methods: [HttpMethod.GET], integration: echo, authorizer: jwt, authorizationScopes: ['admin'] });

    const keys = new HttpLambdaAuthorizer('Keys', fn('RequestAuthorizer', 'request-authorizer.ts'), {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.x-api-key'],
      resultsCacheTtl: Duration.seconds(0),
    });
    api.addRoutes({ path: '/keyed', methods: [HttpMethod.GET], integration: echo, authorizer: keys });

    const sleep = fn('Sleep', 'sleep.ts');
    api.addRoutes({ path: '/slow', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('Slow', sleep, { timeout: Duration.seconds(1) }) });
    // The same function with API Gateway's default integration timeout: room for cold starts on a loaded machine.
    api.addRoutes({ path: '/sleep', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('Sleep', sleep) });
    const shortTimeout = new HttpLambdaIntegration('ShortTimeout', fn('SleepShortTimeout', 'sleep.ts', Duration.seconds(1)));
    api.addRoutes({ path: '/function-timeout', methods: [HttpMethod.GET], integration: shortTimeout });
    api.addRoutes({ path: '/fail', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('Fail', fn('Fail', 'fail.ts')) });

    const workDlq = new Queue(this, 'WorkDlq');
    const work = new Queue(this, 'Work', { visibilityTimeout: Duration.seconds(2), deadLetterQueue: { queue: workDlq, maxReceiveCount: 2 } });
    fn('SqsConsumer', 'sqs-consumer.ts').addEventSource(new SqsEventSource(work, { batchSize: 10, reportBatchItemFailures: true }));

    const kinesisConsumer = fn('KinesisConsumer', 'kinesis-consumer.ts');
    const changes = new Stream(this, 'Changes', { shardCount: 2 });
    kinesisConsumer.addEventSource(new KinesisEventSource(changes, { startingPosition: StartingPosition.TRIM_HORIZON, batchSize: 10 }));
    const poisonChanges = new Stream(this, 'PoisonChanges', { shardCount: 1 });
    kinesisConsumer.addEventSource(
      new KinesisEventSource(poisonChanges, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        bisectBatchOnError: true,
        retryAttempts: 1,
        onFailure: new SqsDlq(new Queue(this, 'ChangeFailures')),
      }),
    );

    const notes = new Table(this, 'Notes', { partitionKey: { name: 'id', type: AttributeType.STRING }, stream: StreamViewType.NEW_IMAGE });
    fn('TableStreamConsumer', 'table-stream-consumer.ts').addEventSource(
      new DynamoEventSource(notes, { startingPosition: StartingPosition.TRIM_HORIZON, batchSize: 10, onFailure: new SqsDlq(new Queue(this, 'NoteFailures')) }),
    );

    const caller = addAwsAccess(this, fn, { echo: echoFunction, poisonChanges });
    addMessaging(this, fn, caller);
  }
}
