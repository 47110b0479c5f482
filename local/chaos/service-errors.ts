import type { ServiceError } from '../front-door/error-answers';
import type { ServiceCall } from '../front-door/service-call';

/*
 * The errors each service answers when it throttles a call or fails inside, as its API reference and
 * its SDK model (the shapes the SDK knows) have them: the SDK then throws the exception it would throw
 * on AWS and retries exactly what it would retry (throttling codes and 5xx, with its backoff).
 */

const rateExceeded = 'Rate exceeded';

/** Calls that read or write data; the others manage resources and throttle as the control plane does. */
const dataPlane: Record<string, RegExp> = {
  dynamodb: /^(Get|Put|Update|Delete|BatchGet|BatchWrite)Item$|^(Query|Scan|ExecuteStatement|BatchExecuteStatement)$/,
  sqs: /^(SendMessage|SendMessageBatch|ReceiveMessage|DeleteMessage|DeleteMessageBatch|ChangeMessageVisibility|ChangeMessageVisibilityBatch)$/,
  kinesis: /^(PutRecord|PutRecords|GetRecords|GetShardIterator)$/,
};

const isDataPlane = (call: Pick<ServiceCall, 'service' | 'operation'>) => dataPlane[call.service]?.test(call.operation) ?? false;

/**
 * A throttled DynamoDB transaction is cancelled, with `ThrottlingError` as the reason of the item that
 * was throttled: the SDK does not retry it (TransactionCanceledException is not a throttling error), the
 * caller must.
 */
const cancelledTransaction = (call: Pick<ServiceCall, 'input'>, throttledItem: number): ServiceError => {
  const items = Array.isArray(call.input?.TransactItems) ? call.input.TransactItems.length : 1;
  const throttled = throttledItem % Math.max(1, items);
  const codes = Array.from({ length: Math.max(1, items) }, (_, index) => (index === throttled ? 'ThrottlingError' : 'None'));
  return {
    code: 'TransactionCanceledException',
    status: 400,
    jsonType: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
    messageKey: 'Message',
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
    fields: {
      CancellationReasons: codes.map((code) =>
        code === 'None' ? { Code: code } : { Code: code, Message: 'Throughput exceeds the current capacity of your table or index.' },
      ),
    },
  };
};

/** The answer to a throttled call. `pick` is a random whole number, for choices such as which item of a transaction. */
export const throttlingError = (call: Pick<ServiceCall, 'service' | 'operation' | 'input'>, pick: number): ServiceError => {
  switch (call.service) {
    case 'dynamodb':
      if (/^Transact(Write|Get)Items$/.test(call.operation)) return cancelledTransaction(call, pick);
      return isDataPlane(call)
        ? {
            code: 'ProvisionedThroughputExceededException',
            status: 400,
            jsonType: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
            message: 'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
          }
        : { code: 'ThrottlingException', status: 400, jsonType: 'com.amazon.coral.availability#ThrottlingException', message: rateExceeded };
    case 'sqs':
      // The SDK's model gives RequestThrottled HTTP 403 (its query-protocol code); the SDK retries it by its code.
      return isDataPlane(call)
        ? { code: 'RequestThrottled', status: 403, jsonType: 'com.amazonaws.sqs#RequestThrottled', queryCompatibleCode: 'RequestThrottled', message: rateExceeded }
        : { code: 'ThrottlingException', status: 400, jsonType: 'com.amazon.coral.availability#ThrottlingException', queryCompatibleCode: 'ThrottlingException', message: rateExceeded };
    case 'kinesis':
      return isDataPlane(call)
        ? { code: 'ProvisionedThroughputExceededException', status: 400, message: 'Rate exceeded for shard shardId-000000000000 in stream under account 000000000000.' }
        : { code: 'LimitExceededException', status: 400, message: rateExceeded };
    case 'sns':
      return { code: 'Throttled', status: 429, message: rateExceeded };
    case 'lambda':
      return { code: 'TooManyRequestsException', status: 429, message: 'Rate Exceeded.', fields: { Type: 'User', Reason: 'ConcurrentInvocationLimitExceeded' } };
    case 'secretsmanager':
      return { code: 'ThrottlingException', status: 400, messageKey: 'Message', message: rateExceeded };
    default:
      return { code: 'ThrottlingException', status: 400, message: rateExceeded };
  }
};

/** The answer to a call that failed inside the service: a 500, which the SDK retries. */
export const internalError = (call: Pick<ServiceCall, 'service'>): ServiceError => {
  switch (call.service) {
    case 'dynamodb':
      return { code: 'InternalServerError', status: 500, jsonType: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Internal server error' };
    case 'sqs':
      return { code: 'InternalFailure', status: 500, jsonType: 'com.amazon.coral.service#InternalFailure', queryCompatibleCode: 'InternalFailure', message: 'We encountered an internal error. Please try again.' };
    case 'sns':
      return { code: 'InternalError', status: 500, message: 'Internal Error' };
    case 'events':
      return { code: 'InternalException', status: 500, message: 'Internal error' };
    case 'lambda':
      return { code: 'ServiceException', status: 500, message: 'An internal error occurred.', fields: { Type: 'Service' } };
    case 'secretsmanager':
      return { code: 'InternalServiceError', status: 500, messageKey: 'Message', message: 'An error occurred on the server side.' };
    default:
      return { code: 'InternalFailure', status: 500, message: 'The request processing has failed because of an unknown error, exception or failure.' };
  }
};
