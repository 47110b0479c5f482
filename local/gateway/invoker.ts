import type { Invocation } from '../lambda/function-pool';

/** Invokes a function by name or ARN, as the Lambda service would for the gateway or a poller. */
export interface Invoker {
  invoke(functionNameOrArn: string, event: unknown): Promise<Invocation>;
}
