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

export type FromEnvironment =
  | { readonly type: 'ready' }
  | { readonly type: 'init-error'; readonly error: LambdaError }
  | { readonly type: 'result'; readonly requestId: string; readonly payload: string }
  | { readonly type: 'error'; readonly requestId: string; readonly error: LambdaError };
