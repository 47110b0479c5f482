import { randomUUID } from 'node:crypto';
import type { AsyncInvokeConfig } from '../assembly/app-model';
import type { Invoker } from '../gateway/invoker';

/** An SQS message attribute: a string, or typed as SQS takes it. */
export type QueueMessageAttribute = string | { readonly DataType: string; readonly StringValue?: string; readonly BinaryValue?: string };

/** Sends one message to an SQS queue (by ARN), as the service that delivers it. */
export type QueueSender = (
  queueArn: string,
  body: string,
  options?: { readonly attributes?: Record<string, QueueMessageAttribute>; readonly messageGroupId?: string; readonly deduplicationId?: string },
) => Promise<void>;

export interface AsyncInvokerOptions {
  readonly invoker: Invoker;
  readonly sendToQueue: QueueSender;
  readonly onError: (message: string) => void;
  /**
   * Waits before each retry. Lambda waits about one minute, then two; locally a second, then two, so
   * that a failing function's retries show up while one watches. @default [1000, 2000]
   */
  readonly retryDelaysMs?: readonly number[];
}

/**
 * Lambda's asynchronous invocation (the `Event` invocation type, used by SNS, EventBridge and
 * Scheduler): the caller does not wait; a function error is retried (twice by default, or as the
 * function's `EventInvokeConfig` says) while the event is younger than its maximum age; an event
 * given up on goes to the on-failure destination (an invocation record) or the dead-letter queue (the
 * event, with `RequestID`, `ErrorCode` and `ErrorMessage` attributes), if the function has one.
 */
export class AsyncInvoker {
  private configs = new Map<string, AsyncInvokeConfig>();
  private stopped = false;

  constructor(private readonly options: AsyncInvokerOptions) {}

  update(configs: readonly AsyncInvokeConfig[]): void {
    this.configs = new Map(configs.map((config) => [config.functionArn, config]));
  }

  /** Queues the invocation; returns its request id at once. */
  invoke(functionArn: string, event: unknown): string {
    const requestId = randomUUID();
    void this.run(functionArn, event, requestId).catch((error: Error) => this.options.onError(`Asynchronous invocation of ${functionArn} failed: ${error.message}`));
    return requestId;
  }

  stop(): void {
    this.stopped = true;
  }

  private async run(functionArn: string, event: unknown, requestId: string) {
    const config = this.configs.get(functionArn.split(':').slice(0, 7).join(':'));
    const retries = config?.maximumRetryAttempts ?? 2;
    const deadline = Date.now() + (config?.maximumEventAgeSeconds ?? 21_600) * 1000;
    const delays = this.options.retryDelaysMs ?? [1000, 2000];
    let error: { errorType: string; errorMessage: string } | undefined;
    let attempts = 0;
    for (; attempts <= retries && !this.stopped; attempts++) {
      if (attempts > 0) await new Promise((resolve) => setTimeout(resolve, delays[Math.min(attempts - 1, delays.length - 1)]));
      if (Date.now() > deadline) break;
      const { outcome } = await this.options.invoker.invoke(functionArn, event);
      if (outcome.ok) return;
      error = outcome.error;
    }
    if (this.stopped || !error) return;
    this.options.onError(`${functionArn} failed ${attempts} time(s) on an asynchronous event (${error.errorType}: ${error.errorMessage})${config?.onFailureArn ? `; sent to ${config.onFailureArn}` : '; given up: the function has no dead-letter queue or on-failure destination'}`);
    if (!config?.onFailureArn) return;
    if (config.onFailureKind === 'dead-letter-queue') {
      await this.options.sendToQueue(config.onFailureArn, JSON.stringify(event), {
        attributes: { RequestID: requestId, ErrorCode: '200', ErrorMessage: error.errorMessage },
      });
      return;
    }
    const record = {
      version: '1.0',
      timestamp: new Date().toISOString(),
      requestContext: { requestId, functionArn: `${functionArn}:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: attempts },
      requestPayload: event,
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: error,
    };
    await this.options.sendToQueue(config.onFailureArn, JSON.stringify(record));
  }
}
