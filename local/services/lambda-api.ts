import type { FunctionSpec } from '../assembly/app-model';
import { accountOfArn } from '../front-door/callers';
import { errorAnswer, notEmulated } from '../front-door/error-answers';
import type { ServiceAnswer, ServiceCall } from '../front-door/service-call';
import type { Invoker } from '../gateway/invoker';
import type { AsyncInvoker } from '../lambda/async-invoker';

const answer = (status: number, body: Buffer, headers: Record<string, string> = {}): ServiceAnswer => ({
  status,
  headers: { 'content-type': 'application/json', 'content-length': body.length, ...headers },
  body,
});

/** `name`, `name:qualifier`, `account:function:name` or an ARN → the function's name. */
const functionNameOf = (nameOrArn: string) => {
  const parts = nameOrArn.split(':');
  const at = parts.indexOf('function');
  return at >= 0 ? parts[at + 1]! : parts[0]!;
};

/**
 * Lambda's `Invoke` for the app's functions: `RequestResponse` (the function's result, or its error
 * with `X-Amz-Function-Error`), `Event` (an asynchronous invocation, retried as Lambda retries it) and
 * `DryRun`. Other Lambda operations are not emulated.
 */
export class LocalLambdaApi {
  constructor(
    private readonly functions: () => readonly FunctionSpec[],
    private readonly invoker: Invoker,
    private readonly asyncInvoker: AsyncInvoker,
  ) {}

  handle = async (call: ServiceCall): Promise<ServiceAnswer> => {
    if (call.operation !== 'Invoke' && call.operation !== 'InvokeAsync') return notEmulated(call, 'the local Lambda API serves Invoke');
    const name = functionNameOf(String(call.input?.FunctionName ?? ''));
    const fn = this.functions().find((candidate) => candidate.name === name);
    if (!fn) {
      return errorAnswer(call, { code: 'ResourceNotFoundException', status: 404, message: `Function not found: arn:aws:lambda:${call.region}:${accountOfArn(call.caller?.principalArn ?? '')}:function:${name}` });
    }
    let event: unknown;
    try {
      event = call.body.length === 0 ? {} : JSON.parse(call.body.toString('utf8'));
    } catch {
      return errorAnswer(call, { code: 'InvalidRequestContentException', status: 400, message: 'Could not parse request body into json: Could not parse payload into json' });
    }
    const type = call.operation === 'InvokeAsync' ? 'Event' : String(call.headers['x-amz-invocation-type'] ?? 'RequestResponse');
    if (type === 'DryRun') return answer(204, Buffer.alloc(0));
    if (type === 'Event') {
      const requestId = this.asyncInvoker.invoke(fn.arn, event);
      return answer(202, Buffer.alloc(0), { 'x-amzn-requestid': requestId });
    }
    const { requestId, outcome } = await this.invoker.invoke(fn.arn, event);
    if (outcome.ok) return answer(200, Buffer.from(JSON.stringify(outcome.payload ?? null)), { 'x-amzn-requestid': requestId, 'x-amz-executed-version': '$LATEST' });
    if (outcome.error.errorType === 'TooManyRequestsException') {
      return errorAnswer(call, { code: 'TooManyRequestsException', status: 429, message: 'Rate Exceeded.' });
    }
    return answer(200, Buffer.from(JSON.stringify(outcome.error)), {
      'x-amzn-requestid': requestId,
      'x-amz-executed-version': '$LATEST',
      'x-amz-function-error': 'Unhandled',
    });
  };
}
