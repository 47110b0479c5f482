import { join } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type CfnFunction, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { metricsNamespace } from '../../functions/shared/contracts/metrics';

/** Every function's log group is `/shop/<stack>/<function>`. */
const serviceLogGroupPrefix = '/shop/';

export interface ServiceFunctionProps {
  /** Powertools service name: the `service` key of every log line, metric and trace. */
  readonly service: string;
  /** The handler's source file; it must export `handler`. */
  readonly entry: string;
  readonly description?: string;
  readonly environment?: Record<string, string>;
  /** @default 256 */
  readonly memorySize?: number;
  /** @default 10 seconds */
  readonly timeout?: Duration;
  /** @default 'INFO' */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /**
   * Concurrent executions kept for this function, and its most: a flood of its requests can neither
   * take the account's concurrency from other functions nor exceed it. @default none
   */
  readonly reservedConcurrency?: number;
}

/**
 * A Lambda function with the defaults every service shares, set once: Node.js 22 on arm64, a minified
 * esbuild bundle that carries its own tree-shaken AWS SDK (its source map beside it in the asset, not
 * loaded at run time), an explicit log group with retention, X-Ray tracing and the Powertools
 * environment (service name, log level, metrics namespace).
 */
export class ServiceFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}LogGroup`, {
      // One prefix for every function of the shop: Logs Insights queries select them all by it.
      logGroupName: `${serviceLogGroupPrefix}${scope.node.path}/${id}`,
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Our own role instead of the managed AWSLambdaBasicExecutionRole: it may write to its own log group only.
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    super(scope, id, {
      role,
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(10),
      reservedConcurrentExecutions: props.reservedConcurrency,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.service,
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
        POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
        // No NODE_OPTIONS=--enable-source-maps: Node would parse the 3-4 MB map at every cold start.
        // The map ships in the asset for reading a stack trace: docs/decisions/0016-no-source-maps-at-runtime.md.
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.CJS,
        target: 'node22',
        minify: true,
        sourceMap: true,
        bundleAwsSDK: true,
        mainFields: ['module', 'main'],
        metafile: true,
        // aws-xray-sdk-core loads `semver` only for the SDK v2; a few lines stand in for it (see that file).
        esbuildArgs: { '--alias': `semver=${join(__dirname, 'semver-for-xray.cjs')}` },
      },
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Pinned to nodejs22.x, the runtime this project supports and tests; it is changed here, in one place.',
    });
    // Active tracing, with its permissions in a policy of their own: its `*` is acknowledged there
    // only, so a `*` granted to the function anywhere else fails synth.
    (this.node.defaultChild as CfnFunction).tracingConfig = { mode: 'Active' };
    const tracing = new Policy(scope, `${id}Tracing`, {
      roles: [role],
      statements: [new PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] })],
    });
    this.node.addDependency(tracing);
    Validations.of(tracing).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions.',
    });
  }
}
