/** Messages between the runtime and one execution environment (a child process), over Node's IPC channel. */

/** An error as Lambda reports it to the invoker. */
export interface LambdaError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace?: string[];
}

export type ToEnvironment = {
  readonly type: 'invoke';
  readonly requestId: string;
  /** The event, serialized as Lambda receives it. */
  readonly event: string;
  readonly deadline: number;
  readonly traceId: string;
  readonly invokedFunctionArn: string;
};

/** What Lambda's `REPORT` line says about one invocation, measured inside the environment. */
export interface InvocationMeasures {
  /** From the event's arrival to the handler's answer. */
  readonly durationMs: number;
  /** The process's resident memory once the handler answered, as Lambda's "Max Memory Used" counts it. */
  readonly memoryUsedMb: number;
}

export type FromEnvironment =
  | { readonly type: 'ready'; readonly initDurationMs: number }
  | { readonly type: 'init-error'; readonly error: LambdaError }
  | ({ readonly type: 'result'; readonly requestId: string; readonly payload: string } & InvocationMeasures)
  | ({ readonly type: 'error'; readonly requestId: string; readonly error: LambdaError } & InvocationMeasures);
