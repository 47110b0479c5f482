import { NodeHttpHandler } from '@smithy/node-http-handler';

/**
 * How the SDK clients send their calls: a call that has not answered in 2 s (a lost packet, a
 * connection a load balancer dropped, a service that hangs) fails with a TimeoutError, which the SDK
 * retries, instead of holding the invocation until the function's own timeout (decision 0056). Our
 * calls answer in milliseconds; 2 s leaves a 5 s consumer time for a retry. HTTP/1.1: the Kinesis
 * emulators do not speak HTTP/2, and no call here gains from it.
 */
export const awsRequestHandler = () => new NodeHttpHandler({ connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true });
