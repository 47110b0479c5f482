import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { lazily } from './lazy';
import { tracer } from './powertools';
import { awsRequestHandler } from './request-handler';

/*
 * AWS SDK clients, created on first use and reused across invocations of an execution environment,
 * each captured by the Tracer: every call is a subsegment of the invocation's X-Ray trace.
 * Endpoints and credentials come from the standard SDK environment (AWS_REGION,
 * AWS_ENDPOINT_URL_<SERVICE>, ...), so the same code runs on Lambda and against local emulators.
 * Each is marked pure: creating the accessor has no side effect, so esbuild leaves out of a bundle the
 * clients (and their SDK packages) that its handler never uses. Each on a request path gives up on a
 * call after 2 s and retries it (`request-handler.ts`). The DynamoDB clients are in
 * `dynamodb-clients.ts`: `@aws-sdk/lib-dynamodb` is not marked free of side effects, so a bundle that
 * imported it here would keep it whatever it uses.
 */

export const secretsManagerClient = /* @__PURE__ */ lazily(() => tracer.captureAWSv3Client(new SecretsManagerClient({ requestHandler: awsRequestHandler() })));

/**
 * By default the SQS client sends each call to the host in its QueueUrl, ignoring
 * AWS_ENDPOINT_URL_SQS. Resolving the endpoint the standard way instead is the same on AWS (queue URLs
 * name the regional endpoint) and lets an emulator's queue URLs carry any host.
 */
export const sqsClient = /* @__PURE__ */ lazily(() =>
  tracer.captureAWSv3Client(new SQSClient({ useQueueUrlAsEndpoint: false, requestHandler: awsRequestHandler() })),
);

export const kinesisClient = /* @__PURE__ */ lazily(() => tracer.captureAWSv3Client(new KinesisClient({ requestHandler: awsRequestHandler() })));

/**
 * For the platform's custom resource that sets route settings on the API's stage. A control-plane call
 * made once per deployment, with the custom resource's minutes to finish: it keeps the SDK's own
 * timeouts rather than the 2 s meant for the request path.
 */
export const apiGatewayClient = /* @__PURE__ */ lazily(() => tracer.captureAWSv3Client(new ApiGatewayV2Client({})));
